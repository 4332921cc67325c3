import { unplugin } from './index.js';
/** `plugins: [tspoll()]` in `vite.config.ts`. */
export default unplugin.vite;
