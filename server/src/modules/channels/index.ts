import { registerMessages } from '../../kernel/i18n.js';
import type { SapaModule } from '../../kernel/module.js';
import { channelRoutes } from './routes.js';
import { setupDispatch, startSweeper } from './service.js';

registerMessages({
  en: {
    'channels.unavailable.not_installed': 'The {channel} channel is not installed on this Sapa.',
    'channels.unavailable.no_receiver': '{channel} messages cannot come in: the channel has no receiver on this Sapa.',
    'channels.unavailable.no_sender': '{channel} replies cannot go out: the channel has no sender on this Sapa.',
    'error.channel_not_configured': 'Sapa cannot send on this channel: it is not configured.',
    'error.channel_unreachable': 'This customer has no address on that channel. Choose another channel.',
    'error.identity_not_found': 'That contact identity does not exist.',
    'error.customer_not_found': 'That customer does not exist.',
    'error.cannot_link_to_itself': 'A customer cannot be linked to itself.',
    'error.invalid_signature': 'The request signature is missing or wrong.',
    'error.provider_unavailable': 'The messaging provider cannot be reached right now; please deliver this again later.',
  },
  'id-ID': {
    'channels.unavailable.not_installed': 'Kanal {channel} tidak terpasang di Sapa ini.',
    'channels.unavailable.no_receiver': 'Pesan {channel} tidak bisa masuk: kanal ini tidak punya penerima di Sapa ini.',
    'channels.unavailable.no_sender': 'Balasan {channel} tidak bisa dikirim: kanal ini tidak punya pengirim di Sapa ini.',
    'error.channel_not_configured': 'Sapa tidak bisa mengirim lewat kanal ini karena belum dikonfigurasi.',
    'error.channel_unreachable': 'Pelanggan ini tidak punya alamat di kanal tersebut. Pilih kanal lain.',
    'error.identity_not_found': 'Identitas kontak tersebut tidak ada.',
    'error.customer_not_found': 'Pelanggan tersebut tidak ada.',
    'error.cannot_link_to_itself': 'Pelanggan tidak bisa ditautkan ke dirinya sendiri.',
    'error.invalid_signature': 'Tanda tangan permintaan tidak ada atau salah.',
    'error.provider_unavailable': 'Penyedia layanan pesan sedang tidak bisa dihubungi; silakan kirim ulang nanti.',
  },
  'zh-CN': {
    'channels.unavailable.not_installed': '此 Sapa 未安装 {channel} 渠道。',
    'channels.unavailable.no_receiver': '{channel} 消息无法接收：此 Sapa 上该渠道没有接收端。',
    'channels.unavailable.no_sender': '{channel} 回复无法发出：此 Sapa 上该渠道没有发送端。',
    'error.channel_not_configured': '无法通过此渠道发送：该渠道尚未配置。',
    'error.channel_unreachable': '该客户在此渠道没有联系地址，请选择其他渠道。',
    'error.identity_not_found': '该联系身份不存在。',
    'error.customer_not_found': '该客户不存在。',
    'error.cannot_link_to_itself': '客户不能与自身关联。',
    'error.invalid_signature': '请求签名缺失或错误。',
    'error.provider_unavailable': '暂时无法连接消息服务商，请稍后重新投递。',
  },
});

/**
 * Shared channel plumbing: who a channel address belongs to, the conversation threads of chat-like channels, and
 * the outbound dispatcher that sends agent replies on the channel of their message, with delivery status.
 */
export const channelsModule: SapaModule = {
  name: 'channels',
  setup: setupDispatch,
  api: channelRoutes,
  start: async (desk) => startSweeper(desk),
};
