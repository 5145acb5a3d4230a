import type {
  ContentBlock,
  Model,
  ModelRequest,
  ModelResponse,
  ModelUsage,
  StopReason,
} from '../../src/ports/model.ts';
import type { FakeClock } from './fake-clock.ts';

/** One scripted reply; usage is simulated from the request when not given. */
export interface ScriptedReply {
  content: ContentBlock[];
  stopReason?: StopReason;
  usage?: ModelUsage;
  durationMs?: number;
}

/** A step of the script: a reply, or a function of the request (may throw, may edit a MemoryRepo). */
export type ScriptStep =
  ScriptedReply | ((request: ModelRequest, call: number) => ScriptedReply | Promise<ScriptedReply>);

export interface FakeModelOptions {
  clock?: FakeClock;
  /** Simulated latency per call (default 2 s), added to the clock. */
  durationMs?: number;
  /** Characters per token for simulated usage (default 4). */
  charsPerToken?: number;
  modelId?: string;
}

/**
 * A Model that replies from a script and records every request (deep copies). Usage is
 * simulated like Anthropic's prompt cache: the prefix up to the last cache breakpoint
 * (tools, then system blocks) is a cache write on first sight and a cache read while it
 * stays byte-identical; the rest of the request is plain input.
 */
export class FakeModel implements Model {
  readonly provider = 'fake';
  readonly modelId: string;
  readonly requests: ModelRequest[] = [];
  private readonly script: ScriptStep[];
  private readonly options: FakeModelOptions;
  private cachedPrefix: string | null = null;

  constructor(script: ScriptStep[], options: FakeModelOptions = {}) {
    this.script = [...script];
    this.options = options;
    this.modelId = options.modelId ?? 'fake-model';
  }

  /** Steps not consumed yet. */
  get remaining(): number {
    return this.script.length;
  }

  async complete(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(structuredClone(request));
    const call = this.requests.length;
    const step = this.script.shift();
    if (step === undefined) throw new Error(`FakeModel: the script has no reply for call ${call}`);
    const reply = typeof step === 'function' ? await step(request, call) : step;
    const durationMs = reply.durationMs ?? this.options.durationMs ?? 2_000;
    this.options.clock?.advance(durationMs);
    const content = structuredClone(reply.content);
    const stopReason = reply.stopReason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn');
    return {
      content,
      stopReason,
      usage: reply.usage ?? this.simulateUsage(request, content),
      model: this.modelId,
      durationMs,
    };
  }

  private simulateUsage(request: ModelRequest, content: ContentBlock[]): ModelUsage {
    const perToken = this.options.charsPerToken ?? 4;
    const tokens = (text: string): number => Math.ceil(text.length / perToken);
    const lastBreakpoint = request.system.findLastIndex((b) => b.cache === true);
    const prefix =
      JSON.stringify(request.tools) +
      request.system
        .slice(0, lastBreakpoint + 1)
        .map((b) => b.text)
        .join('');
    const rest =
      request.system
        .slice(lastBreakpoint + 1)
        .map((b) => b.text)
        .join('') + JSON.stringify(request.messages);
    const cached = lastBreakpoint >= 0 && this.cachedPrefix === prefix;
    if (lastBreakpoint >= 0) this.cachedPrefix = prefix;
    const prefixTokens = lastBreakpoint >= 0 ? tokens(prefix) : 0;
    return {
      inputTokens: tokens(rest) + (lastBreakpoint >= 0 ? 0 : tokens(prefix)),
      outputTokens: tokens(JSON.stringify(content)),
      cacheWriteTokens: cached ? 0 : prefixTokens,
      cacheReadTokens: cached ? prefixTokens : 0,
    };
  }
}
