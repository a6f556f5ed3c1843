"""Pure rules of the workshop board (no ORM)."""


def skipped_required_stages(stages, current_id, target_id, visited_ids):
    """Required stages an order would skip by jumping from ``current_id`` to ``target_id``.

    ``stages``: iterable of (id, sequence, is_required) in board order. A move backwards or to the same
    stage skips nothing; a move forward skips every required stage strictly between the two that the
    order never visited.
    """
    by_id = {stage_id: (sequence, required) for stage_id, sequence, required in stages}
    current_seq = by_id[current_id][0] if current_id in by_id else None
    target_seq = by_id[target_id][0]
    skipped = []
    for stage_id, sequence, required in sorted(stages, key=lambda s: (s[1], s[0])):
        if not required or stage_id in visited_ids or stage_id in (current_id, target_id):
            continue
        lower_ok = current_seq is None or sequence > current_seq
        if lower_ok and sequence < target_seq:
            skipped.append(stage_id)
    return skipped
