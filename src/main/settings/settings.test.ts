import { describe, expect, expectTypeOf, it } from 'vitest';
import { useTempLibrary } from '../../../tests/helpers/temp-library';
import { resolveApiKey } from '../api/auth';
import { invoke } from '../engine/handlers';
import { registry } from '../engine/registry';
import type { Engine } from '../engine/engine';
import type { EmbedderConfig } from '../search/embedders/types';
import type { ApiKeyDTO, EmbedderChoice, EmbedderStatusDTO, LibraryStatsDTO, SettingsDTO } from '../../shared/status';

let engine: Engine;
let dir: string;
useTempLibrary((e, d) => ((engine = e), (dir = d)));

const call = <T>(name: string) => invoke(registry, engine, name, {}) as Promise<T>;

describe('settings handlers', () => {
  it('report the library folder and the embedder with its progress', async () => {
    await engine.indexed();
    const s = await call<SettingsDTO>('settings.get');
    expect(s.libraryPath).toBe(dir);
    expect(s.embedder).toMatchObject({ config: { provider: 'static' }, progress: { pending: 0 } });
    expect(s.embedder.active).toMatch(/^static:/);
    expect(s.embedder.target).toBe(s.embedder.active);
  });

  it('hint at the API key, and reveal it whole on request', async () => {
    expect((await call<SettingsDTO>('settings.get')).apiKeyHint).toBeNull();
    expect(await call<ApiKeyDTO>('settings.revealApiKey')).toEqual({ key: null });
    const { key } = resolveApiKey(engine.settings); // what `engram serve` does on its first run
    expect((await call<SettingsDTO>('settings.get')).apiKeyHint).toBe(key.slice(-4));
    expect(await call<ApiKeyDTO>('settings.revealApiKey')).toEqual({ key });
  });

  it("keep the renderer's types in step with the engine", () => {
    expectTypeOf(engine.stats()).toExtend<LibraryStatsDTO>();
    expectTypeOf(engine.embedderStatus).toExtend<EmbedderStatusDTO>();
    expectTypeOf<EmbedderConfig>().toEqualTypeOf<EmbedderChoice>();
  });
});
