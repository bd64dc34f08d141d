"""Run the same call in two threads released together, each on its own database connection
(tests that use it need ``@pytest.mark.django_db(transaction=True)``)."""

import threading

from django.db import connection


def run_in_parallel(call, *, times: int = 2, timeout: int = 60) -> tuple[list, list]:
    """(results, errors) of `times` simultaneous calls of `call()`."""
    barrier = threading.Barrier(times)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
