"""Black-box HTTP contract (BLUEPRINT sections 5 and 6), run against a live server.

The tests speak HTTP only and import nothing from the generated package, so they
hold unchanged for every framework, database and combination of the covering set.
"""
