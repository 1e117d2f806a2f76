"""Lists the API requests the load test cycles through, read from the running server itself:
every list, every article, event and actor page, claims, disagreements, and searches for words taken
from the stored titles at run time. Usage: python3 paths.py BASE_URL"""
import json
import sys
import urllib.parse
import urllib.request

base = sys.argv[1]


def get(path):
    with urllib.request.urlopen(base + path) as response:
        return json.load(response)


paths = ["/api/stats", "/api/articles", "/api/events", "/api/entities", "/api/claims?single_source=true",
         "/api/disagreements", "/api/entities?type=PER", "/api/events?type=ASSAULT"]
articles = get("/api/articles?limit=500")["items"]
paths += ["/api/articles/" + urllib.parse.quote(a["doc_id"], safe="") for a in articles]
paths += ["/api/events/" + e["id"] for e in get("/api/events?limit=100")["items"]]
paths += ["/api/entities/" + e["id"] for e in get("/api/entities?limit=100")["items"]]
words = []
for a in articles:
    for word in (a.get("title") or "").split():
        if len(word) >= 4 and word not in words:
            words.append(word)
paths += ["/api/search?q=" + urllib.parse.quote(w) for w in words[:40]]
print("\n".join(paths))
