// Chinese UI text (the default language).
export const zhCN = {
  app: { name: '天幕', subtitle: '城市运行视频墙' },
  connection: {
    connecting: '正在连接核心服务…',
    open: '已连接',
    reconnecting: '连接中断，正在重连…',
    closed: '已断开',
  },
  console: {
    title: '值班控制台',
    scenarios: '场景预案',
    active: '当前',
    activate: '切换',
    return: '返回上一场景',
    wall: '大屏预览',
    duty: '值班',
    leader: '带班领导',
    operators: '值班员',
    language: 'English',
    mode: { normal: '平时', emergency: '应急', special: '专项' },
    switched: '已切换到 {name}',
    failed: '操作失败：{message}',
  },
  wall: {
    unknownDisplay: '未知显示屏：{id}',
    loading: '正在加载…',
  },
  widget: {
    failed: '组件出错：{message}',
    empty: '空闲',
    stale: '数据过期',
    sourceTime: '数据时间',
    ranking: '排行',
    noData: '暂无数据',
    age: {
      seconds: '{n} 秒前',
      minutes: '{n} 分钟前',
      hours: '{n} 小时前',
    },
  },
  sources: {
    title: '数据源',
    state: { connecting: '连接中', open: '正常', reconnecting: '重连中', stopped: '已停止' },
    lastMessage: '最后消息 {time}',
    nextAttempt: '{seconds} 秒后重试',
    counters: '重连 {reconnects} · 重同步 {resyncs} · 拒收 {rejected}',
    allHealthy: '数据源正常',
    unhealthy: '{count} 个数据源异常',
  },
  board: {
    title: '预警看板',
    none: '当前无预警',
    raised: '{time} 起（{age}）',
  },
  level: { normal: '正常', blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' },
};
export type Messages = typeof zhCN;
