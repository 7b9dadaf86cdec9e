// The map widget's texts (Chinese first), merged into the window's vue-i18n messages by the widget registry.
import type { WidgetMessages } from '../define-widget-kind';

const zhCN = {
  loading: '正在加载地图…',
  online: '在线',
  offline: '离线',
  incidents: '事件',
  cameras: '{n} 路摄像机',
  incidentCount: '{n} 起事件',
  clickToZoom: '点击放大',
  clickForVideo: '点击调阅周边视频',
  clickToShow: '点击上墙',
  pulled: '已调阅周边视频：{title}',
  shown: '已上墙：{name}',
  failed: '操作失败：{message}',
  following: '跟随新事件',
  risk: '风险指数',
  sensors: '物联感知',
  alarm: '告警',
  normal: '正常',
  sensorKind: {
    'water-level': '下立交积水',
    'charging-smoke': '充电烟感',
    elevator: '电梯',
    'water-meter': '独居老人水表',
    'water-quality': '水质',
  },
};

export const mapIncidentsMessages: WidgetMessages = {
  'zh-CN': { mapIncidents: zhCN },
  en: {
    mapIncidents: {
      loading: 'Loading map…',
      online: 'Online',
      offline: 'Offline',
      incidents: 'Incidents',
      cameras: '{n} cameras',
      incidentCount: '{n} incidents',
      clickToZoom: 'click to zoom in',
      clickForVideo: 'click for nearby video',
      clickToShow: 'click to show on the wall',
      pulled: 'Nearby video on the wall: {title}',
      shown: 'On the wall: {name}',
      failed: 'Failed: {message}',
      following: 'Following new incidents',
      risk: 'Risk index',
      sensors: 'IoT sensors',
      alarm: 'Alarm',
      normal: 'Normal',
      sensorKind: {
        'water-level': 'Underpass water level',
        'charging-smoke': 'Charging smoke',
        elevator: 'Elevator',
        'water-meter': 'Water meter (elderly)',
        'water-quality': 'Water quality',
      },
    } satisfies typeof zhCN,
  },
};
