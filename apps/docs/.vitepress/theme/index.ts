import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import TtaDemo from '../../demo/TtaDemo.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    // Registered globally so docs/demo.md can use <TtaDemo /> without importing across the repository.
    app.component('TtaDemo', TtaDemo);
  },
} satisfies Theme;
