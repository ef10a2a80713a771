import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineHandlers } from '../engine/handlers';
import { AiTask } from './ai-service';
import { AiBudget } from './metering';
import { LlmConfig } from './llm';
import { withoutKey } from './without-key';
import { downloadModel, ModelDownload } from './model-download';

const TaskRef = z.object({ task: AiTask });

export const aiHandlers = defineHandlers({
  'ai.providers.get': {
    summary: "Each task's model choice ('auto' = a local Ollama when one answers), with what it resolves to now; keys are never sent back",
    input: z.object({}),
    run: async (e) => {
      const choices = e.ai.choices();
      const resolved = Object.fromEntries(await Promise.all(AiTask.options.map(async (t) => [t, withoutKey(await e.ai.resolve(t))])));
      return {
        choices: Object.fromEntries(Object.entries(choices).map(([t, c]) => [t, c === 'auto' ? c : withoutKey(c)])),
        resolved,
      };
    },
  },
  'ai.providers.set': {
    summary: "Chooses a task's model provider ('auto', none, ollama or an OpenAI-compatible endpoint); an OpenAI config without apiKey keeps the saved key",
    input: z.object({ task: AiTask, choice: z.union([z.literal('auto'), LlmConfig]) }),
    run: async (e, { task, choice }) => {
      await e.ai.setChoice(task, choice);
      return { task, choice: withoutKey(await e.ai.resolve(task)) };
    },
  },
  'ai.test': { summary: "Tests the connection to a task's model", input: TaskRef, run: (e, { task }) => e.ai.test(task) },
  'ai.models': { summary: "Lists the models a task's provider offers", input: TaskRef, run: (e, { task }) => e.ai.models(task) },
  'ai.usage': {
    summary: 'Model calls, tokens and estimated cost of a month by day and by feature, with the budget state',
    input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/).optional() }),
    run: (e, { month }) => e.ai.metering.summary(month),
  },
  'models.download': {
    summary: 'Downloads a model (ONNX embedding folder or Whisper file) into the library with progress and SHA-256 checks; all or nothing',
    input: ModelDownload,
    run: (e, input) => downloadModel(e.dir, input, { events: e.events }),
  },
  'models.list': {
    summary: 'Models downloaded into the library (use an ONNX one with index.setEmbedder {provider: "onnx", modelDir})',
    input: z.object({}),
    run: (e) => {
      const root = path.join(e.dir, 'models');
      return fs.existsSync(root)
        ? fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => ({ name: d.name, dir: path.join(root, d.name) }))
        : [];
    },
  },
  'ai.budget.set': { summary: 'Sets the monthly AI budget in USD (null for none) and when to warn', input: AiBudget.partial(), run: (e, patch) => e.ai.metering.setBudget(patch) },
});
