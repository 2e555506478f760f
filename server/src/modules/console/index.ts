import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { seedConsoleDemo } from './demo.js';
import { consoleRoutes } from './routes.js';
import { consoleSite } from './site.js';

registerMessages({
  en: {
    'error.shortcut_taken': 'Another saved reply already uses this shortcut.',
    'error.team_exists': 'A team with this name already exists.',
    'error.unknown_team': 'That team does not exist.',
    'error.canned_needs_text': 'Write the reply in at least one language.',
    'console.team_transferred': 'Transferred to team {team} by {agent}.',
    'console.team_removed': 'Removed from its team by {agent}.',
  },
  'id-ID': {
    'error.shortcut_taken': 'Pintasan ini sudah dipakai balasan tersimpan lain.',
    'error.team_exists': 'Tim dengan nama ini sudah ada.',
    'error.unknown_team': 'Tim tersebut tidak ada.',
    'error.canned_needs_text': 'Tulis balasan setidaknya dalam satu bahasa.',
    'console.team_transferred': 'Dialihkan ke tim {team} oleh {agent}.',
    'console.team_removed': 'Dikeluarkan dari timnya oleh {agent}.',
  },
  'zh-CN': {
    'error.shortcut_taken': '该快捷词已被其他快捷回复使用。',
    'error.team_exists': '已存在同名团队。',
    'error.unknown_team': '该团队不存在。',
    'error.canned_needs_text': '请至少用一种语言填写回复内容。',
    'console.team_transferred': '已由 {agent} 转交给团队 {team}。',
    'console.team_removed': '已由 {agent} 移出团队。',
  },
});

export const consoleModule: SapaModule = { name: 'console', api: consoleRoutes, site: consoleSite, seedDemo: seedConsoleDemo };
