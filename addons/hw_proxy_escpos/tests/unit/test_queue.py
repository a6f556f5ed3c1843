"""The queue survives restarts without loss or duplicates."""

import threading

from odoo.addons.hw_proxy_escpos.lib import queue as pq


def test_pending_jobs_survive_a_restart(tmp_path):
    path = tmp_path / "q.sqlite"
    queue = pq.PrintQueue(path)
    ids = [queue.enqueue("receipt", "print_receipt", b"job%d" % i)[0] for i in range(3)]
    queue.close()  # "crash" before anything was sent
    queue = pq.PrintQueue(path)
    assert queue.recovered == 0
    assert queue.counts() == {"pending": 3}
    assert [bytes(queue.next_job("receipt")["payload"])] == [b"job0"]
    assert queue.next_job("receipt")["id"] == ids[0]


def test_job_caught_mid_send_is_never_resent_after_restart(tmp_path):
    path = tmp_path / "q.sqlite"
    queue = pq.PrintQueue(path)
    job_id, _ = queue.enqueue("receipt", "print_receipt", b"data")
    assert queue.claim(job_id)
    queue.close()  # crash while sending
    queue = pq.PrintQueue(path)
    assert queue.recovered == 1
    assert queue.get(job_id)["state"] == pq.INTERRUPTED
    assert queue.next_job("receipt") is None
    assert queue.requeue(job_id)  # deliberate reprint
    assert queue.next_job("receipt")["id"] == job_id


def test_done_is_final(tmp_path):
    queue = pq.PrintQueue(tmp_path / "q.sqlite")
    job_id, _ = queue.enqueue("receipt", "cashbox", b"x", priority=0)
    assert queue.claim(job_id)
    queue.mark_done(job_id)
    assert not queue.claim(job_id)
    assert not queue.requeue(job_id)
    assert queue.get(job_id)["state"] == pq.DONE


def test_claim_is_exclusive_between_threads(tmp_path):
    queue = pq.PrintQueue(tmp_path / "q.sqlite")
    job_id, _ = queue.enqueue("receipt", "print_receipt", b"x")
    wins = []
    barrier = threading.Barrier(8)

    def claim():
        barrier.wait()
        if queue.claim(job_id):
            wins.append(1)

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wins == [1]


def test_idempotency_key_folds_duplicates(tmp_path):
    queue = pq.PrintQueue(tmp_path / "q.sqlite")
    first = queue.enqueue("receipt", "print_receipt", b"x", idem_key="order-1-copy-1")
    second = queue.enqueue("receipt", "print_receipt", b"x", idem_key="order-1-copy-1")
    assert first == (first[0], True)
    assert second == (first[0], False)
    assert queue.counts() == {"pending": 1}


def test_postponed_job_waits_and_drawer_goes_first(tmp_path):
    queue = pq.PrintQueue(tmp_path / "q.sqlite")
    receipt_id, _ = queue.enqueue("receipt", "print_receipt", b"r")
    drawer_id, _ = queue.enqueue("receipt", "cashbox", b"d", priority=0)
    assert queue.next_job("receipt")["id"] == drawer_id
    queue.postpone(drawer_id, "offline", delay=60)
    assert queue.next_job("receipt")["id"] == receipt_id
    assert queue.get(drawer_id)["last_error"] == "offline"
