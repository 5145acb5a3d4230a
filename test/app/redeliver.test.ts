import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  failedDeliveries,
  Redeliverer,
  type DeliveriesApi,
  type DeliveryItem,
} from '../../src/app/redeliver-failed.ts';
import { API, harness } from './harness.ts';

const NOW = Date.parse('2025-03-04T12:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const HOURS_3 = 3 * 60 * 60 * 1000;

let nextId = 1;
function delivery(guid: string, status: number, minutesAgo: number, redelivery = false): DeliveryItem {
  return {
    id: nextId++,
    guid,
    delivered_at: ago(minutesAgo),
    redelivery,
    status_code: status,
    event: 'issues',
    action: 'labeled',
  };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('failedDeliveries', () => {
  it.each([
    ['a 500 within the window', [delivery('a', 500, 10)], ['a']],
    ['a connection failure (status 0)', [delivery('a', 0, 10)], ['a']],
    ['a success', [delivery('a', 200, 10)], []],
    ['a 202 "still processing"', [delivery('a', 202, 10)], []],
    ['a failure outside the window', [delivery('a', 500, 200)], []],
    ['a failure that a later attempt fixed', [delivery('a', 200, 5, true), delivery('a', 500, 10)], []],
    [
      'a failure that was redelivered already (and failed again)',
      [delivery('a', 500, 5, true), delivery('a', 500, 10)],
      [],
    ],
  ])('%s', (_name, items, expected) => {
    expect(failedDeliveries(items, NOW - HOURS_3, new Set()).map((d) => d.guid)).toEqual(expected);
  });

  it('skips GUIDs this process already asked for, and lists the oldest first', () => {
    const items = [delivery('c', 500, 1), delivery('b', 500, 2), delivery('a', 500, 3)];
    expect(failedDeliveries(items, NOW - HOURS_3, new Set(['b'])).map((d) => d.guid)).toEqual(['a', 'c']);
  });
});

describe('Redeliverer', () => {
  function fakeApi(pages: DeliveryItem[][]): DeliveriesApi & { asked: number[]; pagesRead: number } {
    const api = {
      asked: [] as number[],
      pagesRead: 0,
      async list(cursor: string | null) {
        const index = cursor === null ? 0 : Number(cursor);
        api.pagesRead += 1;
        return { deliveries: pages[index] ?? [], next: index + 1 < pages.length ? String(index + 1) : null };
      },
      async redeliver(id: number) {
        api.asked.push(id);
      },
    };
    return api;
  }

  it('redelivers each failed delivery once, across passes', async () => {
    const failed = delivery('a', 500, 10);
    const api = fakeApi([[delivery('b', 200, 1), failed]]);
    const redeliverer = new Redeliverer(api, {
      windowMs: HOURS_3,
      maxPages: 5,
      maxRedeliveries: 10,
      now: () => NOW,
      log: silent,
    });
    expect(await redeliverer.run()).toBe(1);
    expect(await redeliverer.run()).toBe(0);
    expect(api.asked).toEqual([failed.id]);
  });

  it('reads further pages only while they are inside the window, and at most maxPages', async () => {
    const inWindow = fakeApi([
      [delivery('a', 200, 1)],
      [delivery('b', 500, 30)],
      [delivery('c', 500, 400)],
      [delivery('d', 500, 500)],
    ]);
    await new Redeliverer(inWindow, {
      windowMs: HOURS_3,
      maxPages: 10,
      maxRedeliveries: 10,
      now: () => NOW,
      log: silent,
    }).run();
    expect(inWindow.pagesRead).toBe(3);
    const capped = fakeApi([[delivery('e', 500, 1)], [delivery('f', 500, 2)], [delivery('g', 500, 3)]]);
    await new Redeliverer(capped, {
      windowMs: HOURS_3,
      maxPages: 2,
      maxRedeliveries: 10,
      now: () => NOW,
      log: silent,
    }).run();
    expect(capped.pagesRead).toBe(2);
  });

  it('asks for at most maxRedeliveries per pass', async () => {
    const api = fakeApi([[delivery('a', 500, 1), delivery('b', 500, 2), delivery('c', 500, 3)]]);
    const redeliverer = new Redeliverer(api, {
      windowMs: HOURS_3,
      maxPages: 1,
      maxRedeliveries: 2,
      now: () => NOW,
      log: silent,
    });
    expect(await redeliverer.run()).toBe(2);
    expect(await redeliverer.run()).toBe(1);
  });

  it('keeps going when one redelivery request fails', async () => {
    const api = fakeApi([[delivery('a', 500, 1), delivery('b', 500, 2)]]);
    let calls = 0;
    api.redeliver = async (id) => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
      api.asked.push(id);
    };
    const redeliverer = new Redeliverer(api, {
      windowMs: HOURS_3,
      maxPages: 1,
      maxRedeliveries: 5,
      now: () => NOW,
      log: silent,
    });
    expect(await redeliverer.run()).toBe(1);
    expect(api.asked).toHaveLength(1);
  });
});

describe('the App redelivers on start-up through the deliveries API (JWT)', () => {
  it('lists deliveries, follows the cursor and asks GitHub to redeliver the failed ones', async () => {
    const page1 = [
      {
        id: 11,
        guid: 'g-ok',
        delivered_at: ago(1),
        redelivery: false,
        status_code: 200,
        status: 'OK',
        event: 'issues',
        action: 'labeled',
        duration: 0.2,
      },
      {
        id: 10,
        guid: 'g-failed',
        delivered_at: ago(5),
        redelivery: false,
        status_code: 500,
        status: 'Invalid HTTP Response: 500',
        event: 'issues',
        action: 'labeled',
        duration: 0.2,
      },
    ];
    const page2 = [
      {
        id: 9,
        guid: 'g-down',
        delivered_at: ago(20),
        redelivery: false,
        status_code: 0,
        status: 'failed to connect',
        event: 'issue_comment',
        action: 'created',
        duration: 10,
      },
      {
        id: 8,
        guid: 'g-old',
        delivered_at: ago(600),
        redelivery: false,
        status_code: 502,
        status: 'Bad Gateway',
        event: 'issues',
        action: 'labeled',
        duration: 1,
      },
    ];
    nock(API)
      .get('/app/hook/deliveries')
      .query({ per_page: '100' })
      .reply(200, page1, { link: `<${API}/app/hook/deliveries?per_page=100&cursor=v1_9>; rel="next"` })
      .get('/app/hook/deliveries')
      .query({ per_page: '100', cursor: 'v1_9' })
      .reply(200, page2)
      .post('/app/hook/deliveries/9/attempts')
      .reply(202, {})
      .post('/app/hook/deliveries/10/attempts')
      .reply(202, {});
    const h = await harness({ redelivery: { intervalMs: 60_000, windowMs: HOURS_3 }, now: () => NOW });
    try {
      expect(await h.app.redeliverer()?.run()).toBe(2);
      expect(h.messages().filter((m) => m === 'asked GitHub to redeliver a failed delivery')).toHaveLength(2);
    } finally {
      h.app.stop();
    }
  });
});
