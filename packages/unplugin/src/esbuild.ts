import { unplugin } from './index.js';
/** `plugins: [tspoll()]` in `esbuild.build(...)`. */
export default unplugin.esbuild;
