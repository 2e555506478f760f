import type { SapaModule } from '../../kernel/module.js';
import { registerReceiver, registerSender } from '../channels/service.js';
import { appChannelRoutes } from './routes.js';
import { appReceiver, appSender } from './service.js';

/** The wallet app's in-app chat: its backend posts messages (signed) and receives agent replies by signed webhook. */
export const appChannelModule: SapaModule = {
  name: 'app-channel',
  api: appChannelRoutes,
  setup(desk) {
    registerReceiver(desk, 'app', appReceiver);
    registerSender(desk, 'app', appSender);
  },
};
