import { describe, expect, it } from 'vitest';
import { deadLetterReason, isRetryableRefusal, REFUSAL_CODES, retryDelayMs } from './model.ts';
import { loadExchangeSettings } from './settings.ts';

describe('outbox rules', () => {
  it('doubles the retry delay from the base up to the cap, half of it random', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000, 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000, 60_000, 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(40, 1_000, 60_000, 0.5)).toBe(45_000);
  });

  it('dead-letters an envelope past its expiry or undelivered for too long, not before', () => {
    const createdAt = new Date('2026-06-01T10:00:00Z');
    const expiresAt = new Date('2026-06-08T10:00:00Z');
    expect(deadLetterReason({ createdAt, expiresAt }, new Date('2026-06-02T09:59:59Z'), 24 * 3_600_000)).toBeNull();
    expect(deadLetterReason({ createdAt, expiresAt }, new Date('2026-06-02T10:00:00Z'), 24 * 3_600_000)).toMatch(/not delivered within 86400 s/);
    expect(deadLetterReason({ createdAt, expiresAt }, expiresAt, 30 * 24 * 3_600_000)).toMatch(/expired/);
  });

  it('retries only refusals the receiver can lift for the same bytes', () => {
    expect(REFUSAL_CODES.filter(isRetryableRefusal)).toEqual(['envelope.unknown_sender', 'envelope.key_not_pinned', 'envelope.sender_suspended', 'envelope.type_not_allowed', 'envelope.from_future']);
    expect(isRetryableRefusal('envelope.replay')).toBe(false);
    expect(isRetryableRefusal('http.500')).toBe(false);
  });
});

describe('exchange settings', () => {
  it('reads the environment with safe defaults', () => {
    const s = loadExchangeSettings({});
    expect(s).toMatchObject({ clockSkewMs: 300_000, deadLetterAfterMs: 48 * 3_600_000, autoAnswer: [], inboxPerMinute: 6_000, peerInboxPerMinute: 120_000, inboxBatchMax: 64, inboxCoalesceMs: 2 });
    expect(loadExchangeSettings({ CUSTODIA_EXCHANGE_AUTO_ANSWER: 'import_authorisation_check, tracing_acknowledgement', CUSTODIA_EXCHANGE_CLOCK_SKEW_SECONDS: '60', CUSTODIA_EXCHANGE_INBOX_COALESCE_MS: '0', CUSTODIA_EXCHANGE_INBOX_BATCH: '0', CUSTODIA_EXCHANGE_PEER_RATE_LIMIT: '60000' })).toMatchObject({
      inboxBatchMax: 0,
      peerInboxPerMinute: 60_000,
      autoAnswer: ['import_authorisation_check', 'tracing_acknowledgement'],
      clockSkewMs: 60_000,
      inboxCoalesceMs: 0,
    });
  });

  it('refuses automatic answers to types an officer must answer, and bad numbers', () => {
    expect(() => loadExchangeSettings({ CUSTODIA_EXCHANGE_AUTO_ANSWER: 'transit_notification' })).toThrow(/CUSTODIA_EXCHANGE_AUTO_ANSWER/);
    expect(() => loadExchangeSettings({ CUSTODIA_EXCHANGE_RETRY_BASE_MS: '-1' })).toThrow(/CUSTODIA_EXCHANGE_RETRY_BASE_MS/);
    expect(() => loadExchangeSettings({ CUSTODIA_EXCHANGE_INBOX_COALESCE_MS: 'soon' })).toThrow(/CUSTODIA_EXCHANGE_INBOX_COALESCE_MS/);
  });

  it('sends lost/stolen notices on the registry\'s record to every eligible peer unless told none or which States', () => {
    expect(loadExchangeSettings({}).lostStolenNotices).toBe('all');
    expect(loadExchangeSettings({ CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES: 'on' }).lostStolenNotices).toBe('all');
    expect(loadExchangeSettings({ CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES: 'off' }).lostStolenNotices).toBe('none');
    expect(loadExchangeSettings({ CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES: 'none' }).lostStolenNotices).toBe('none');
    expect(loadExchangeSettings({ CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES: 'FR, KE' }).lostStolenNotices).toEqual(['FR', 'KE']);
    expect(() => loadExchangeSettings({ CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES: 'FR,france' })).toThrow(/CUSTODIA_EXCHANGE_LOST_STOLEN_NOTICES.*france/);
  });
});
