"""The article pairs duplicate.passage must look at, found per fingerprint, not per pair.

On text where stock sentences recur (bench_run's real-text corpus: each pool sentence in
6.7 articles at 20,000, in 37 at 100,000), a fingerprint of a recurring sentence is
shared by m articles, and enumerating its m x (m - 1) / 2 pairs (duplicate_seeds.seeds_of)
grows with the square of the reuse: 767,000 candidate pairs at 20,000 articles, 16.4
million (56 million seeds) at 100,000, nearly all sharing one sentence and nothing more. Here each
fingerprint's group is settled as a whole, so that only pairs that could yield something
are made (a superset of them; duplicate_seeds then settles each exactly, as before):

- **Live pairs.** live_pairs grows a seed as extend_match does: equal words ahead and
  behind, then past a small gap (RESYNC_STEPS, RESYNC_CONFIRM equal words). A seed whose
  first gap ahead and first gap behind both fail covers exactly its equal run, and is live
  only if that run makes min_words. Per group, `agreement` measures how far ALL members
  agree ahead (alpha) and behind (beta). Two members that differ at alpha have an equal run
  ahead of exactly alpha, and a gap there passes only if some 3 words at alpha + 0..2 of one
  equal 3 words at alpha + 0..2 of the other; likewise behind. So a pair of the group can
  be live only if (a) alpha + beta >= min_words (then all pairs are kept), or (b) its two
  members share a key: the word at alpha, a 3-word window at alpha + 0..2, or the same
  behind. Keys are shared by few members (the sentence's next word, or an accidental 3-word
  match), so the pairs made grow about with the members, not their square. Two further
  cuts, each exact: a group whose articles and relative places repeat an earlier
  group's, inside that one's agreement (the other fingerprints of one shared sentence),
  is skipped (parallel_groups); pairs sharing the words past both ends are settled as
  groups of their own (_joint), not all kept.
- **Edited pairs** (sharing max_coverage of both articles' fingerprints) are kept whether
  live or not. Prefix filtering (Chaudhuri, Ganti, Kaushik 2006; Bayardo et al.'s AllPairs):
  with fingerprints in one global order (rarest first), two sets sharing t or more share
  their first k shared ones within the first |x| - t + k of each, so pairs are made only
  from those prefixes, and kept only if they share min(k, t) there (k = PREFIX_SHARED).

Then each candidate pair's seeds are all the groups holding both articles, in group order:
the very rows seeds_of gives for that pair, in the same order, so the yielded pairs and
their seeds are seeds_of's less the pairs that give nothing. Word equality is word-hash
equality, as in live_pairs; other keys are 64-bit mixes, whose collisions only add pairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from audit.detect.duplicates.beside import in_two
from audit.detect.duplicates.seeds import (
    CorpusWords,
    SeedGroups,
    distinct,
    live_pairs,
    ranks,
    run_bounds,
)
from audit.detect.duplicates.tokens import RESYNC_CONFIRM, RESYNC_STEPS

if TYPE_CHECKING:
    from audit.detect.duplicates.passage import PassageConfig

_GAP = max(max(step) for step in RESYNC_STEPS)  # words a first gap may skip (2)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


def group_layout(groups: SeedGroups) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, sizes, group of each member) of the groups of two to max_df members."""
    # seed_groups lays members out group by group, `later` counting down to 0 in each
    first = np.ones(len(groups.members), dtype=bool)
    first[1:] = groups.later[:-1] == 0
    starts = np.flatnonzero(first)
    sizes = np.diff(np.append(starts, len(groups.members)))
    return starts, sizes, np.repeat(np.arange(len(starts)), sizes)


BLOCK_WORDS = 8  # words read at once per member while its group still agrees (one byte each)
_ONES = np.uint64(0x0101010101010101)
_BYTE_PLACES = np.uint64(0x0001020304050607)


def agreement(flat: np.ndarray, at: np.ndarray, room: np.ndarray, rows: np.ndarray,
              starts: np.ndarray, sizes: np.ndarray, depth: np.ndarray, cap: int, step: int) -> np.ndarray:
    """Per group g (members rows[starts[g] : starts[g] + sizes[g]]), the first word,
    from depth[g] on, at which some member differs from the group's first, or cap: words
    counted from each member's `at` (step 1: at, at + 1, ...; step -1: at - 1, at - 2, ...);
    `room` is the words each member has that way (a member without the word differs).
    Read BLOCK_WORDS at a time, for the groups that agree so far."""
    agree = np.minimum(depth.astype(np.int64), cap)
    depth = agree.copy()
    open_ = np.flatnonzero(depth < cap)
    span = np.arange(BLOCK_WORDS) if step > 0 else -1 - np.arange(BLOCK_WORDS)
    while len(open_):
        many = sizes[open_]
        idx = rows[np.repeat(starts[open_], many) + ranks(many)]
        firsts = np.concatenate([[0], np.cumsum(many)[:-1]])
        below = np.repeat(depth[open_], many)
        limit = np.minimum(room[idx], cap) - below  # words this member can still be read
        limit = np.minimum(limit, np.repeat(limit[firsts], many))
        base = at[idx] + (below if step > 0 else -below)
        words = flat.take(base[:, None] + span, mode="clip")  # past an article: not counted
        same = (words == np.repeat(words[firsts], many, axis=0)) & (np.arange(BLOCK_WORDS) < limit[:, None])
        packed = same.view(np.uint64).ravel()  # byte j is 1 while word j agrees
        with np.errstate(over="ignore"):
            lowest = ~packed & _ONES
            lowest &= ~lowest + np.uint64(1)  # the first differing word's byte, or 0
            place = (lowest * _BYTE_PLACES) >> np.uint64(56)  # 256**j times it: j in its top byte
        common = np.where(lowest == 0, BLOCK_WORDS, place.view(np.int64))
        common = np.minimum.reduceat(common, firsts)
        short = common < BLOCK_WORDS
        agree[open_[short]] = depth[open_[short]] + common[short]
        depth[open_] += BLOCK_WORDS
        open_ = open_[~short]
    return np.minimum(agree, cap)


def _word_at(flat: np.ndarray, at: np.ndarray, depth: np.ndarray, step: int) -> np.ndarray:
    return flat[at + depth] if step > 0 else flat[at - 1 - depth]


def _tagged(values: np.ndarray, tag: np.ndarray) -> np.ndarray:
    """One 64-bit key of (value, group tag): equal for equal pairs; a collision only merges."""
    with np.errstate(over="ignore"):
        return (values * _MIX[2]) ^ (tag.astype(np.uint64) * _MIX[1] + np.uint64(1))


def _resync_pairs(flat: np.ndarray, at: np.ndarray, room: np.ndarray, depth: np.ndarray,
                  tag: np.ndarray, step: int, key: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(left, right) rows that differ at `depth` (that way) and share a 3-word window at
    depth + 0.._GAP (tagged): only such a pair's gap there can pass. Rows with the same
    word at `depth` do not differ there: the next level takes them."""
    span = np.arange(_GAP + RESYNC_CONFIRM) if step > 0 else -1 - np.arange(_GAP + RESYNC_CONFIRM)
    window = flat.take((at + (depth if step > 0 else -depth))[:, None] + span, mode="clip")
    if step < 0:
        window = window[:, ::-1]  # text order: the word at depth last
    there = np.where(room > depth, window[:, 0 if step > 0 else -1], _MIX[1])  # none: a value no row shares
    keys, rows = [], []
    with np.errstate(over="ignore"):
        for skip in range(_GAP + 1):
            has = np.flatnonzero(room >= depth + skip + RESYNC_CONFIRM)
            cols = window[has, skip : skip + RESYNC_CONFIRM] if step > 0 else \
                window[has, _GAP - skip : _GAP - skip + RESYNC_CONFIRM]
            value = (cols[:, 0] * _MIX[0] + cols[:, 1]) * _MIX[0] + cols[:, 2]
            keys.append(_tagged(value, tag[has]))
            rows.append(has)
    left, right = _pairs_within(*_sharing(np.concatenate(keys), np.concatenate(rows), key))
    keep = (there[left] != there[right]) | (room[left] <= depth[left]) | (room[right] <= depth[right])
    return left[keep], right[keep]


def _sharing(keys: np.ndarray, rows: np.ndarray, key: np.ndarray | None = None,
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows sorted by key, starts, sizes) of the runs of two or more equal keys. The row
    goes in the key's low bits, so one np.sort does it (argsort: 6 times slower); keys
    equal but in those bits only merge runs, which adds pairs, never drops one. With
    `key` (a bool per row), only the runs holding a key row: the others make only pairs
    of two other rows, which the caller does not want."""
    bits = max(1, int(rows.max(initial=0)).bit_length())
    low = np.uint64((1 << bits) - 1)
    keys = keys.astype(np.uint64, copy=False)
    if key is not None and bits <= 64 - FILTER_BITS:
        keys, rows = _near_key_rows(keys, rows, key)
    packed = np.sort((keys & ~low) | rows.astype(np.int64, copy=False).view(np.uint64))
    starts, stops = run_bounds(packed >> np.uint64(bits), 2)
    order = (packed & low).view(np.int64)
    if key is not None and len(starts):
        # key rows up to each place: a run holds one if the count moves inside it
        # (logical_or.reduceat counted the entries up to the next run's start too)
        upto = np.concatenate([[0], np.cumsum(key[order])])
        held = upto[stops] > upto[starts]
        starts, stops = starts[held], stops[held]
    return order, starts, stops - starts


FILTER_BITS = 22  # top bits of a key looked up in _near_key_rows' table (4 MB of bools)


def _near_key_rows(keys: np.ndarray, rows: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (keys, rows) whose key's top FILTER_BITS bits are those of a key row's key: a
    run of _sharing (equal in its top 64 - bits bits, FILTER_BITS or more) that holds a key
    row keeps every entry, so the runs kept and their rows are the same, from a sort of
    these alone. A rerun's groups hold a key article or two among 37 members (100,000
    articles): most entries go before the sort."""
    mine = key[rows]
    if not len(keys) or 8 * int(np.count_nonzero(mine)) > len(keys):
        return keys, rows
    top = (keys >> np.uint64(64 - FILTER_BITS)).astype(np.int64)
    table = np.zeros(1 << FILTER_BITS, dtype=bool)
    table[top[mine]] = True
    hit = table[top]
    return keys[hit], rows[hit]


def _pairs_within(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (left, right) of order[...] within each run [start, start + size), left first."""
    later = np.repeat(sizes, sizes) - 1 - ranks(sizes)
    at = np.repeat(starts, sizes) + ranks(sizes)
    left = np.repeat(at, later)
    right = left + 1 + ranks(later)
    return order[left], order[right]


def _member_pairs(docs: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The distinct (left, right) member pairs of different articles, left the earlier
    article, as one int64 code each (members index the group columns: under 2**31)."""
    left, right = left.astype(np.int64), right.astype(np.int64)
    swap = docs[left] > docs[right]
    left, right = np.where(swap, right, left), np.where(swap, left, right)
    keep = docs[left] != docs[right]
    return distinct((left[keep] << 32) | right[keep])


def _pair_codes(docs: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    a, b = docs[left].astype(np.int64), docs[right].astype(np.int64)
    keep = a != b
    a, b = a[keep], b[keep]
    return (np.minimum(a, b) << 32) | np.maximum(a, b)


def parallel_groups(starts: np.ndarray, sizes: np.ndarray, docs: np.ndarray,
                    positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the first group (by its first member's position) holding the same
    articles at the same positions relative to each other, and how many words later this
    one's members are (its own index and 0 for the first): the fingerprints of one
    sentence shared by the same articles. Checked member by member, not by signature."""
    n = len(starts)
    first = np.arange(n)
    shift = np.zeros(n, dtype=np.int64)
    if n == 0:
        return first, shift
    lead = positions[starts].astype(np.int64)
    relative = positions.astype(np.int64) - np.repeat(lead, sizes)
    with np.errstate(over="ignore"):
        mixed = (docs.astype(np.uint64) * _MIX[0]) ^ (relative.view(np.uint64) * _MIX[1])
    signature = np.add.reduceat(mixed, starts)
    order = np.lexsort((lead, docs[starts], sizes, signature))
    same = np.zeros(n, dtype=bool)
    same[1:] = ((signature[order][1:] == signature[order][:-1]) & (sizes[order][1:] == sizes[order][:-1])
                & (docs[starts][order][1:] == docs[starts][order][:-1]))
    run = np.cumsum(~same) - 1
    heads = order[np.flatnonzero(~same)][run]  # each group's class's first
    maybe = np.flatnonzero(heads != order)
    groups, firsts = order[maybe], heads[maybe]
    many = sizes[groups]
    mine = np.repeat(starts[groups], many) + ranks(many)
    theirs = np.repeat(starts[firsts], many) + ranks(many)
    equal = (docs[mine] == docs[theirs]) & (relative[mine] == relative[theirs])
    ok = np.logical_and.reduceat(equal, np.concatenate([[0], np.cumsum(many)[:-1]])) if len(many) else equal
    first[groups[ok]] = firsts[ok]
    shift[groups[ok]] = lead[groups[ok]] - lead[firsts[ok]]
    return first, shift


def live_candidates(words: CorpusWords, groups: SeedGroups, cfg: PassageConfig,
                    key: np.ndarray | None = None, halves: int = 1) -> np.ndarray:
    """Codes (a << 32 | b, a < b) of the pairs with a seed that live_pairs finds live:
    the seeds that could be (a superset, by group) are settled by live_pairs itself.
    With `key` (a bool per article), only the pairs with a key article: the groups of a
    level below the first that hold none are not followed (a rerun's: passage_state).

    A group parallel to an earlier one (parallel_groups) whose k-gram lies inside that
    one's agreement ahead is skipped: each of its seeds is in the same equal run, on the
    same diagonal, as the earlier group's seed of that pair, so extend_match grows both
    into the same run.

    With `halves=2` (duplicate.passage's own process, where the run leaves a core idle),
    the groups are settled in blocks of half the size, every other block in a forked
    child (beside.in_two): both processes' transients together are one block's."""
    starts, sizes, _ = group_layout(groups)
    member = groups.members
    docs, positions = groups.docs[member], groups.positions[member]
    cap = max(cfg.min_words, cfg.kgram)
    flat = words.words
    at = words.offsets[docs] + positions.astype(np.int64)
    ahead_room = words.end(docs) - at
    every = np.arange(len(docs))
    # ahead from the k-gram's end: a member whose k-gram differs from the first's (a hash
    # collision) is never verified, so its pairs are dead; the others share words 0..kgram-1
    first, shift = parallel_groups(starts, sizes, docs, positions)
    alpha = np.zeros(len(starts), dtype=np.int64)
    heads = np.flatnonzero(first == np.arange(len(starts)))
    for block in in_blocks(heads, sizes):
        alpha[block] = agreement(flat, at, ahead_room, every, starts[block], sizes[block],
                                 np.full(len(block), cfg.kgram), cap, 1)
    inside = alpha[first] >= shift + cfg.kgram
    inside[heads] = False
    for block in in_blocks(np.flatnonzero((first != np.arange(len(starts))) & ~inside), sizes):
        alpha[block] = agreement(flat, at, ahead_room, every, starts[block], sizes[block],
                                 np.full(len(block), cfg.kgram), cap, 1)
    mine = np.flatnonzero(~inside)  # the groups settled here, a block at a time
    columns = (docs, positions, at, ahead_room)

    def settled(blocks: list[np.ndarray]) -> np.ndarray:
        live = [_live_in(words, columns, starts[block], sizes[block], alpha[block], cfg, key) for block in blocks]
        return np.concatenate(live) if live else np.zeros(0, dtype=np.int64)

    total = int(sizes[mine].sum())
    if halves < 2 or total < SPLIT_MEMBERS:
        return distinct(settled(in_blocks(mine, sizes)))
    blocks = in_blocks(mine, sizes, min(BLOCK_MEMBERS // 2, (total + 1) // 2))
    return distinct(np.concatenate(in_two(lambda: settled(blocks[::2]), lambda: settled(blocks[1::2]))))


BLOCK_MEMBERS = 1 << 19  # group members settled at once by live_candidates (about 50 MB of transients)
# fewer members are settled in one process (halves): a fork costs more than their time
SPLIT_MEMBERS = 1 << 16


def in_blocks(chosen: np.ndarray, sizes: np.ndarray, members: int = BLOCK_MEMBERS) -> list[np.ndarray]:
    """The `chosen` groups (indices, in order) in consecutive blocks of about `members`
    members (sizes[g] each), so that a step's transients are a block's, not the corpus's."""
    if not len(chosen):
        return []
    block = (np.cumsum(sizes[chosen]) - 1) // members
    return np.split(chosen, np.flatnonzero(block[1:] != block[:-1]) + 1)


def _live_in(words: CorpusWords, columns: tuple[np.ndarray, ...], starts: np.ndarray, sizes: np.ndarray,
             alpha: np.ndarray, cfg: PassageConfig, key: np.ndarray | None) -> np.ndarray:
    """live_candidates of some groups (starts, sizes into the member columns: docs,
    positions, where each member's k-gram is in the corpus's words, the words it has
    ahead; alpha: each group's agreement ahead). A pair's seeds in other blocks are
    settled there: live_pairs finds a pair live if one of its seeds is, whichever of
    its seeds it is given (a seed inside a dead seed's run is dead), so the union of
    the blocks' pairs is the whole's."""
    cap = max(cfg.min_words, cfg.kgram)
    flat = words.words
    docs, positions, at, ahead_room = columns
    rows = np.repeat(starts, sizes) + ranks(sizes)
    docs, positions, at, ahead_room = docs[rows], positions[rows], at[rows], ahead_room[rows]
    starts = (np.cumsum(sizes) - sizes).astype(np.int64)
    group = np.repeat(np.arange(len(starts)), sizes)
    every = np.arange(len(docs))
    rooms = (ahead_room, positions.astype(np.int64))  # ahead, behind
    keyed = key[docs] if key is not None else None
    beta = agreement(flat, at, rooms[1], every, starts, sizes, np.zeros(len(starts)), cap, -1)
    whole = alpha + beta >= cfg.min_words  # every pair may be live
    found = [_pairs_within(every, starts[whole], sizes[whole])]
    rest = np.flatnonzero(~whole[group])
    ahead, behind = alpha[group[rest]], beta[group[rest]]
    both = rest[(rooms[0][rest] > ahead) & (rooms[1][rest] > behind)]
    with np.errstate(over="ignore"):  # pairs past both ends of their group's agreement
        pair_word = (_word_at(flat, at[both], alpha[group[both]], 1) * _MIX[0]
                     + _word_at(flat, at[both], beta[group[both]], -1))
    rows, run_starts, run_sizes = _sharing(_tagged(pair_word, group[both]), both, keyed)
    heads = group[rows[run_starts]]
    found += _joint(flat, at, rooms, (rows, run_starts, run_sizes), alpha[heads], beta[heads], cfg, cap, keyed)
    kept = np.flatnonzero(~whole)
    for step, agree, other in ((1, alpha, beta), (-1, beta, alpha)):
        found += _descend(flat, at, rooms[0 if step > 0 else 1], (every, starts[kept], sizes[kept], kept),
                          agree[kept], other, cfg, cap, step, keyed)
    left = np.concatenate([f[0] for f in found]).astype(np.int64)
    right = np.concatenate([f[1] for f in found]).astype(np.int64)
    if keyed is not None:
        mine = keyed[left] | keyed[right]
        left, right = left[mine], right[mine]
    seeds = _member_pairs(docs, left, right)
    left, right = seeds >> 32, seeds & 0xFFFFFFFF
    codes = (docs[left].astype(np.int64) << 32) | docs[right]
    order = np.argsort(codes, kind="stable")
    left, right, codes = left[order], right[order], codes[order]
    pair_starts, pair_stops = run_bounds(codes)
    live = live_pairs(words, (docs[left], docs[right], positions[left], positions[right]),
                      pair_starts, pair_stops, cfg)
    return codes[pair_starts[live]]


def _joint(flat: np.ndarray, at: np.ndarray, rooms: tuple[np.ndarray, np.ndarray],
           layout: tuple[np.ndarray, ...], ahead: np.ndarray, behind: np.ndarray, cfg: PassageConfig,
           cap: int, key: np.ndarray | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Member pairs that may be live only by runs longer than their group's agreement both
    ways: groups (rows[starts[g] : + sizes[g]]) whose members share the words at
    ahead[g] and behind[g]. Each group's agreement both ways is measured from there; all
    its pairs are kept if the two make min_words (or neither moved: a key collision);
    else a pair that differs at both ends has exactly that run, too short, and the others
    are taken one way by _descend with the other way's agreement as the bound, and both
    ways by the next level of this."""
    rows, starts, sizes = layout
    found: list[tuple[np.ndarray, np.ndarray]] = []
    while len(starts):
        alpha = agreement(flat, at, rooms[0], rows, starts, sizes, ahead, cap, 1)
        beta = agreement(flat, at, rooms[1], rows, starts, sizes, behind, cap, -1)
        whole = (alpha + beta >= cfg.min_words) | ((alpha == ahead) & (beta == behind))
        found.append(_pairs_within(rows, starts[whole], sizes[whole]))
        starts, sizes, alpha, beta = starts[~whole], sizes[~whole], alpha[~whole], beta[~whole]
        index = np.arange(len(starts))
        for step, agree, other in ((1, alpha, beta), (-1, beta, alpha)):
            found += _descend(flat, at, rooms[0 if step > 0 else 1], (rows, starts, sizes, index),
                              agree, other, cfg, cap, step, key)
        idx = rows[np.repeat(starts, sizes) + ranks(sizes)]
        tag = np.repeat(index, sizes)
        has = np.flatnonzero((rooms[0][idx] > alpha[tag]) & (rooms[1][idx] > beta[tag]))
        with np.errstate(over="ignore"):
            pair_word = (_word_at(flat, at[idx[has]], alpha[tag[has]], 1) * _MIX[0]
                         + _word_at(flat, at[idx[has]], beta[tag[has]], -1))
        order_tag = np.empty(len(at), dtype=np.int64)
        order_tag[idx] = tag
        rows, starts, sizes = _sharing(_tagged(pair_word, tag[has]), idx[has], key)
        heads = order_tag[rows[starts]]
        ahead, behind = alpha[heads], beta[heads]
    return found


def _descend(flat: np.ndarray, at: np.ndarray, room: np.ndarray, layout: tuple[np.ndarray, ...],
             agree: np.ndarray, other: np.ndarray, cfg: PassageConfig, cap: int,
             step: int, key: np.ndarray | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Member pairs that may be live, one way (step), from groups whose members all agree
    up to `agree` and differ there: at each level, pairs sharing a 3-word window just past
    it (their gap may pass), then the members sharing the word there as groups of the next
    level, as deep as they agree. `other` is each first-level group's agreement the other
    way: a next-level group reaching min_words with it gives all its pairs. Level by level,
    a group is (starts, sizes) into `rows`, each with its first-level group (`origin`)."""
    rows, starts, sizes, origin = layout
    found: list[tuple[np.ndarray, np.ndarray]] = []
    level = 0
    while len(starts):
        if level:
            begun = agree  # the word each group shares, read again: a key collision stops here
            agree = agreement(flat, at, room, rows, starts, sizes, begun, cap, step)
            whole = (agree + other[origin] >= cfg.min_words) | (agree >= cap) | (agree == begun)
            found.append(_pairs_within(rows, starts[whole], sizes[whole]))
            starts, sizes, origin, agree = starts[~whole], sizes[~whole], origin[~whole], agree[~whole]
        many = sizes
        idx = rows[np.repeat(starts, many) + ranks(many)]
        tag = np.repeat(np.arange(len(starts)), many)
        depth = np.repeat(agree, many)
        left, right = _resync_pairs(flat, at[idx], room[idx], depth, tag, step,
                                    key[idx] if key is not None else None)
        found.append((idx[left], idx[right]))
        has = np.flatnonzero(room[idx] > depth)
        rows, run_starts, run_sizes = _sharing(_tagged(_word_at(flat, at[idx[has]], depth[has], step),
                                                       tag[has]), idx[has], key)
        starts, sizes = run_starts, run_sizes
        firsts = rows[starts]
        group_of = np.empty(len(at), dtype=np.int64)
        group_of[idx] = tag
        origin, agree = origin[group_of[firsts]], agree[group_of[firsts]]
        level += 1
    return found


PREFIX_SHARED = 8  # shared fingerprints an edited pair must have in both prefixes (k)


def edited_candidates(groups: SeedGroups, counts: np.ndarray, cfg: PassageConfig,
                      shared: int = PREFIX_SHARED) -> np.ndarray:
    """Codes of pairs that could share max_coverage of both articles' fingerprints (a
    superset), by prefix filtering on each article's seed-bearing fingerprints (its
    groups): with the groups in one global order (smallest first), two articles sharing
    t or more share their first k shared ones within each one's first |x| - t + k (the
    k-th shared one has t - k shared after it). So a pair is kept only if it shares
    min(k, t) groups within those prefixes: a pair sharing one sentence, a few groups,
    is not made at all."""
    starts, sizes, group = group_layout(groups)
    docs = groups.docs[groups.members].astype(np.int64)
    rank = np.repeat(sizes, sizes).astype(np.int64) * (len(starts) + 1) + group  # global order
    order = lexsorted(rank, docs)
    held = np.bincount(docs, minlength=len(counts))  # |x|: each article's groups
    need = np.ceil(cfg.max_coverage * np.maximum(1, counts)).astype(np.int64)  # t, by x alone
    first = np.cumsum(held) - held
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order)) - first[docs[order]]  # rank in its article
    kept = np.flatnonzero((place < held[docs] - need[docs] + shared) & (held[docs] >= need[docs]))
    kept = kept[np.argsort(group[kept], kind="stable")]  # by group, then article
    run_starts, run_stops = run_bounds(group[kept], 2)
    # each entry pairs with the later ones of its group: made by blocks of the pairs' first
    # articles, so that each block holds all the pairs of its articles (their counts whole)
    # and the pairs in flight are a block's (issue 13)
    later = np.zeros(len(kept), dtype=np.int64)
    entries = np.repeat(run_starts, run_stops - run_starts) + ranks(run_stops - run_starts)
    later[entries] = np.repeat(run_stops, run_stops - run_starts) - entries - 1
    by_first = np.argsort(docs[kept], kind="stable")
    doc_starts, doc_stops = run_bounds(docs[kept][by_first])
    made = np.add.reduceat(later[by_first], doc_starts) if len(doc_starts) else later[:0]
    found = []
    for chosen in in_blocks(np.arange(len(doc_starts)), made, BLOCK_MEMBERS):
        block = by_first[doc_starts[chosen[0]] : doc_stops[chosen[-1]]]
        left = np.repeat(block, later[block])
        codes, many = np.unique(_pair_codes(docs, kept[left], kept[left + 1 + ranks(later[block])]),
                                return_counts=True)
        a, b = codes >> 32, codes & 0xFFFFFFFF
        share = np.maximum(need[a], need[b])  # t of the pair
        found.append(codes[(many >= np.minimum(shared, share)) & (np.minimum(held[a], held[b]) >= share)])
    return distinct(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def lexsorted(minor: np.ndarray, major: np.ndarray) -> np.ndarray:
    """np.lexsort((minor, major)) of non-negative integer columns: one np.sort of
    (major, minor, row) packed into an int64 when they fit, the row in the low bits (a
    tie keeps the rows' order, as lexsort's). np.sort of 1.2 million int64s takes a sixth
    of lexsort's time over the two columns (edited_candidates on a 100,000 rerun's groups:
    0.09 s of its 0.13)."""
    n = len(major)
    major, minor = major.astype(np.int64, copy=False), minor.astype(np.int64, copy=False)
    row_bits = max(1, (n - 1).bit_length())
    minor_bits = max(1, int(minor.max(initial=0)).bit_length())
    major_bits = max(1, int(major.max(initial=0)).bit_length())
    if major_bits + minor_bits + row_bits > 63 or (n and min(int(major.min()), int(minor.min())) < 0):
        return np.lexsort((minor, major))
    packed = np.sort((major << (minor_bits + row_bits)) | (minor << row_bits) | np.arange(n, dtype=np.int64))
    return packed & ((1 << row_bits) - 1)


def pair_seeds(groups: SeedGroups, codes: np.ndarray) -> tuple[np.ndarray, ...]:
    """(doc_a, doc_b, pos_a, pos_b) of the seeds of the pairs `codes` (sorted), in seeds_of's
    order: by pair, then group."""
    starts, _, group = group_layout(groups)
    docs = groups.docs[groups.members].astype(np.int64)
    positions = groups.positions[groups.members]
    by_doc = np.argsort(docs, kind="stable")  # each article's members in group order
    first = np.searchsorted(docs[by_doc], np.arange(int(docs.max(initial=-1)) + 2))
    a, b = codes >> 32, codes & 0xFFFFFFFF
    rows, pair_of = [], []
    for side in (a, b):
        many = first[side + 1] - first[side]
        pair_of.append(np.repeat(np.arange(len(codes)), many))
        rows.append(by_doc[np.repeat(first[side], many) + ranks(many)])
    rows_all, pairs = np.concatenate(rows), np.concatenate(pair_of)
    key = pairs * (len(starts) + 1) + group[rows_all]
    order = np.argsort(key, kind="stable")  # a's row before b's on a tie
    key, rows_all = key[order], rows_all[order]
    match = np.flatnonzero(key[1:] == key[:-1])
    left, right = rows_all[match], rows_all[match + 1]
    return (docs[left].astype(np.int32), docs[right].astype(np.int32), positions[left], positions[right])
