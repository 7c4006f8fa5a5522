// Instance settings: log switches, retention, tokenizer download, updates.
import { api } from './api.js';
import { h, card, form, hint } from './ui.js';

const SETTINGS = [
  ['General', [['instance_name', 'Instance name', 'text'], ['proxy', 'Outbound proxy URL', 'text'], ['spoof_emulation', 'TLS spoof emulation', 'checkbox']]],
  ['Logging', [['enable_usage', 'Record usage', 'checkbox'], ['enable_downstream_log', 'Log downstream requests', 'checkbox'], ['enable_downstream_log_body', 'Keep downstream bodies', 'checkbox'],
    ['enable_upstream_log', 'Log upstream requests', 'checkbox'], ['enable_upstream_log_body', 'Keep upstream bodies', 'checkbox'], ['disable_log_redaction', 'Disable log redaction', 'checkbox']]],
  ['Retention', [['retention_days', 'Keep logs and usage (days)', 'number'], ['max_database_size_mb', 'Max database size (MB)', 'number'], ['file_upload_max_in_flight', 'File uploads in flight (0 = no limit)', 'number']]],
  ['Tokenizer', [['enable_tokenizer_download', 'Download tokenizer vocabularies', 'checkbox']]],
  ['Updates', [['update_channel', 'Update channel', 'text'], ['enable_auto_update_check', 'Check for updates', 'checkbox']]],
  ['Requests', [['request_blacklist', 'Request blacklist (JSON)', 'json']]],
];
/** Nullable settings: an emptied field clears them instead of being left out of the update. */
const CLEARABLE = ['proxy', 'retention_days', 'max_database_size_mb', 'update_channel', 'request_blacklist'];

export async function settingsPage(main) {
  const current = await api('/admin/instance-settings');
  const fields = SETTINGS.flatMap(([, list]) => list.map(([name, label, type]) => ({ name, label, type })));
  const editor = form(fields, async values => {
    for (const k of CLEARABLE) if (!(k in values)) values[k] = null;
    const saved = await api('/admin/instance-settings', { method: 'POST', body: values });
    editor.fill(saved);
  }, { id: 'form-settings', submitLabel: 'Save settings' });
  // section headings in the grid, before each section's first field
  for (const [title, list] of SETTINGS) editor.form.querySelector(`#form-settings-${list[0][0].replace(/_/g, '-')}`).closest('label').before(h('h3', { class: 'span' }, title));
  hint(editor.form, 'form-settings-enable-tokenizer-download', 'Allows fetching Hugging Face vocabularies into tokenizer_vocabs. This build counts locally with its compiled-in GPT vocabularies and the character estimate; it stores this switch but downloads nothing yet.');
  hint(editor.form, 'form-settings-disable-log-redaction', 'Off keeps credentials and keys out of captured headers and bodies.');
  editor.fill(current);
  main.append(h('h1', {}, 'Instance settings'), card(null, editor.form));
}
