/**
 * The optimizers' English words, gathered from the optimizers themselves (the one place they are
 * written): `optimizer.<name>` (its label), `hyper.<key>` and `hyper.<key>.help` (its specs;
 * `hyper.<name>.<key>.help` for a help of its own, as AdamW's decoupled weight decay) and its
 * `words` (rows, arrows and checks of its own). A shared key must say the same everywhere.
 */
import { optimizerNames, optimizers } from '../optim';

export function optimizerWords(): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, text: string, who: string) => {
    if (key in out && out[key] !== text) throw new Error(`${who}: "${key}" is "${text}" here but "${out[key]}" elsewhere`);
    out[key] = text;
  };
  for (const name of optimizerNames) {
    const def = optimizers[name];
    put(`optimizer.${name}`, def.label, name);
    for (const spec of def.hyper) {
      put(`hyper.${spec.key}`, spec.label, name);
      put(spec.ownHelp ? `hyper.${name}.${spec.key}.help` : `hyper.${spec.key}.help`, spec.help, name);
    }
    for (const [key, text] of Object.entries(def.words ?? {})) put(key, text, name);
  }
  return out;
}
