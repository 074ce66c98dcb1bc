import { describe, expect, it } from 'vitest';
import { addShares, isWhole, ReceiveShare, ShareTally, splitShare, subtractShare, wholeShare } from './run-share.ts';

describe('run shares', () => {
  it('split exactly, so the parts of any fan-out add back up to the whole', () => {
    const tally = new ShareTally();
    // 1 → 3 → each of those → 7, one of them → a timer and 2 sends: 3 × 7 branches in all.
    const ends: string[] = [];
    splitShare(wholeShare(), 3).forEach((third, i) => {
      splitShare(third, 7).forEach((part, j) => {
        if (i === 0 && j === 0) {
          const receive = new ReceiveShare(part);
          ends.push(receive.forTimer()!, ...receive.settle(2).sends!);
        } else ends.push(part);
      });
    });
    ends.slice(0, -1).forEach((share, i) => expect(tally.add(`m${i}`, share)).toBe(false));
    expect(tally.add('last', ends.at(-1)!)).toBe(true);
  });

  it('count a redelivered message once', () => {
    const tally = new ShareTally();
    const [a, b] = splitShare(wholeShare(), 2);
    expect(tally.add('a', a!)).toBe(false);
    expect(tally.add('a', a!)).toBe(false);
    expect(tally.add('b', b!)).toBe(true);
  });

  it('ignore a malformed share', () => {
    const tally = new ShareTally();
    expect(tally.add('x', '1/0')).toBe(false);
    expect(tally.add('y', 'one')).toBe(false);
    expect(tally.add('z', '1/1')).toBe(true);
  });

  it('still hand shares on once the receive answered the webhook (the run goes on), and end a branch that sent nothing', () => {
    const answered = new ReceiveShare('1/2');
    answered.answered();
    expect(answered.isAnswered).toBe(true);
    expect(answered.forTimer()).toBe('1/4');
    expect(answered.timers).toBe('1/4');
    expect(answered.settle(0)).toEqual({ ended: '1/4' });
    expect(new ReceiveShare('1/2').settle(0)).toEqual({ ended: '1/2' });
    expect(new ReceiveShare(undefined).settle(0)).toEqual({});
    expect(new ReceiveShare('1/2').settle(2)).toEqual({ sends: ['1/4', '1/4'] });
  });

  it('add and subtract exactly', () => {
    expect(addShares('1/3', '1/3', '1/3')).toBe('1/1');
    expect(isWhole(addShares('1/2', '1/4'))).toBe(false);
    expect(addShares()).toBe('0/1');
    expect(subtractShare('1/2', '1/4')).toBe('1/4');
    expect(subtractShare('1/4', '1/2')).toBe('0/1');
  });
});
