"""Render time of a 3-page 华为云付款协议 (WeasyPrint, Noto CJK), p95 over BENCH_PDF_ROUNDS renders.

Builds an unsaved contract in memory (no database rows needed) whose consumption summary is long enough for three
A4 pages, checks the page count, then times payments.pdf.contract_pdf. Target (issue #6): p95 ≤ 1.5 s."""
import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnercenter.settings.local")

import django  # noqa: E402

django.setup()

from _results import record  # noqa: E402

from payments.models import PaymentContract  # noqa: E402
from payments.pdf import contract_pdf  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_PDF_ROUNDS", "20"))
ROWS = int(os.environ.get("BENCH_PDF_ROWS", "48"))


def contract() -> PaymentContract:
    rows = [{"cycle": f"2026{(i % 9) + 1:02d}", "customer": f"示例客户{i:03d}科技有限公司", "lines": 3 + i % 5,
             "amount": f"{Decimal(1000 + i * 37) + Decimal('0.45'):.2f}"} for i in range(ROWS)]
    total = sum(Decimal(r["amount"]) for r in rows)
    return PaymentContract(number="HWFK202600001", period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 9, 1),
                           committed_payment_date=dt.date(2026, 10, 15), partner_name="华云智联科技有限公司",
                           partner_credit_code="91110108MA01ABCD3X", amount=total,
                           line_count=sum(r["lines"] for r in rows), breakdown=rows,
                           verification_code="BA1F0C6F4FF43295 7F3A8A53C76A04D9".replace(" ", ""),
                           created_at=dt.datetime(2026, 11, 28, 10, 0))


def main():
    subject = contract()
    _data, pages = contract_pdf(subject)  # warm-up: fonts and templates loaded once per process
    if pages != 3:
        sys.exit(f"the benchmark contract has {pages} pages, not 3 (adjust BENCH_PDF_ROWS)")
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        contract_pdf(subject)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[max(0, int(len(samples) * 0.95) - 1)]
    print(f"{'contract PDF, 3 pages (WeasyPrint)':<40} n={len(samples):<4} mean={statistics.fmean(samples):8.2f} ms  "
          f"p50={statistics.median(samples):8.2f} ms  p95={p95:8.2f} ms")
    record(contract_pdf_p95_ms=round(p95, 1))


if __name__ == "__main__":
    main()
