from . import (
    test_wallet_api,
    test_wallet_concurrency,
    test_wallet_portal,
    test_wallet_pos,
    test_wallet_security,
    test_wallet_tour,
)
