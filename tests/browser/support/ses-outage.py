"""An outage of the local SES (every read of contacts fails, as a service that is down) and its end.

usage: ses-outage.py DB break|restore

The contacts table is renamed away and back: the server's calls fail with a real SQLite error and are
retried as any passing failure is (a missing contact list, by contrast, is a setup error that is not retried).
"""
import sqlite3
import sys

db, action = sys.argv[1:3]
connection = sqlite3.connect(db, timeout=30)
with connection:
    if action == "break":
        connection.execute("ALTER TABLE ses_contacts RENAME TO ses_contacts_outage")
    else:
        connection.execute("ALTER TABLE ses_contacts_outage RENAME TO ses_contacts")
connection.close()
