// The video bench page's entry (tests/bench/pages/video.html): only the bench view, no core connection, no router.
import { createApp } from 'vue';
import VideoBenchView from './VideoBenchView.vue';

createApp(VideoBenchView).mount('#app');
