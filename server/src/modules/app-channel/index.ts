import type { SapaModule } from '../../kernel/module.js';
import { registerSender } from '../channels/service.js';
import { appChannelRoutes } from './routes.js';
import { appSender } from './service.js';

/** The wallet app's in-app chat: its backend posts messages (signed) and receives agent replies by signed webhook. */
export const appChannelModule: SapaModule = {
  name: 'app-channel',
  api: appChannelRoutes,
  setup(desk) {
    registerSender(desk, 'app', appSender);
  },
};
