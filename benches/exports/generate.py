"""Writes N made-up ticket-export records of about 2 KB each (JSON Lines)
to standard output, the same records for the same N: agent replies built
from sentences that trip rules one time in three, with team, agent, macro
and created_at fields. Used by run.sh; never read from a real export."""

import json
import random
import sys

OPENINGS = [
    "Thanks for getting in touch about this, and sorry for the trouble it caused.",
    "Thanks for the detailed report; it made it much quicker to look into.",
    "I am sorry the export did not arrive when you needed it.",
]
BODY = [
    "I looked into your account this morning and found that the nightly export job stopped after the storage quota was reached on the 3rd.",
    "The quota is shared between attachments and exports, so large attachments uploaded last week used up the space the export needed.",
    "I have raised the quota for your workspace and started the export again by hand; it finished a few minutes ago and is ready to download.",
    "You can see and change what counts towards the quota under Settings, then Storage, where each kind of file is listed with its size.",
    "If you would like the export to go to a second address every night, add it under Notifications and it will be sent there as well.",
    "The invoices for the last two months are attached to this message as PDF files, and they are also available from the Billing page.",
]
TRIPS = [
    "Obviously the quota should have been checked before uploading.",
    "This was user error on your side.",
    "We will look into it soon.",
    "Fixed it, closing the ticket.",
    "No, we can't change that.",
]
CLOSINGS = [
    "Could you check that the export works for you now?",
    "Let me know if anything still looks wrong and I will take another look.",
]


def record(i, rng):
    sentences = [rng.choice(OPENINGS)] + rng.sample(BODY, 5)
    if i % 3 == 0:
        sentences.insert(rng.randrange(1, len(sentences)), TRIPS[(i // 3) % len(TRIPS)])
    sentences.append(rng.choice(CLOSINGS))
    text = "Hi there,\n\n" + " ".join(sentences) + "\n\n" + " ".join(rng.sample(BODY, 6)) + "\n\nBest regards,\nSam"
    return {
        "id": i,
        "text": text,
        "team": "team-%d" % (i % 7),
        "agent": "agent-%d" % (i % 120),
        "macro": "macro-%d" % (i % 40),
        "created_at": "2025-%02d-%02dT09:00:00Z" % (1 + i % 12, 1 + i % 28),
    }


def main():
    n = int(sys.argv[1])
    rng = random.Random(n)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(record(i, rng)))
        out.write("\n")


if __name__ == "__main__":
    main()
