"""Takes a customer's local SES contact list away (an outage: every attempt fails) and brings it back.

usage: ses-outage.py DB CUSTOMER break|restore SAVEFILE
"""
import json
import sqlite3
import sys

db, customer, action, save = sys.argv[1:5]
tables = ("ses_contact_lists", "ses_contacts")
connection = sqlite3.connect(db, timeout=30)
connection.row_factory = sqlite3.Row
with connection:
    if action == "break":
        rows = {t: [dict(r) for r in connection.execute(f"SELECT * FROM {t} WHERE customer_code = ?", (customer,))] for t in tables}
        with open(save, "w", encoding="utf-8") as f:
            json.dump(rows, f)
        for t in tables:
            connection.execute(f"DELETE FROM {t} WHERE customer_code = ?", (customer,))
    else:
        with open(save, encoding="utf-8") as f:
            rows = json.load(f)
        for t in tables:
            for row in rows[t]:
                columns = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                connection.execute(f"INSERT INTO {t} ({columns}) VALUES ({marks})", tuple(row.values()))
connection.close()
