import { isLoopback } from '../../../shared/loopback';
import { OllamaTags, ollamaClient, ollamaLabel } from './ollama';

/**
 * The models of an Ollama server answering on this machine, or null when none answers within `timeoutMs`
 * (or what answers is not Ollama). Used to make Ollama the default provider; short timeout, never throws, and
 * only ever asks a loopback address, so it cannot probe the network.
 */
export async function detectLocalOllama(
  baseUrl = 'http://127.0.0.1:11434',
  timeoutMs = 300,
): Promise<{ models: string[] } | null> {
  if (!isLoopback(baseUrl)) return null;
  try {
    const reply = await ollamaClient(baseUrl, ollamaLabel(baseUrl), AbortSignal.timeout(timeoutMs)).list();
    const parsed = OllamaTags.safeParse(reply);
    return parsed.success ? { models: parsed.data.models.map((m) => m.name) } : null;
  } catch {
    return null;
  }
}
