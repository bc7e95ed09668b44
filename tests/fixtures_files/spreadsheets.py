"""Import files built in the test (no binaries in the repository): CSV in any encoding, XLSX via openpyxl."""
import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

ORDER_HEADER = ["订单号", "客户账号ID", "产品ID", "计费模式", "订单类型", "实付金额", "下单时间", "生效时间",
                "失效时间", "资源ID", "订单状态"]
CONSUMPTION_HEADER = ["来源流水号", "账期", "客户账号ID", "产品ID", "计费模式", "消费金额", "订单号"]


def csv_bytes(header, rows, *, encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(header, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def order_row(order_no, customer, product, *, amount="6000.00", mode="包年/包月", kind="新购",
              ordered="2026-10-01 12:00", effective="2026-10-01", expires="2027-10-01", resources="res-1,res-2",
              status=""):
    return [order_no, customer.customer_id, product.code, mode, kind, amount, ordered, effective, expires, resources,
            status]


def consumption_row(ref, customer, product, *, cycle="202610", mode="按需", amount="1234.56", order_no=""):
    return [ref, cycle, customer.customer_id, product.code, mode, amount, order_no]
