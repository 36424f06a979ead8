"""Open Badges 3.0 credentials: build, sign (eddsa-rdfc-2022) and verify; plain data in and out.

A pure package like `domain/`: no Flask, no database. Services hand it
dataclasses and dicts; it hands back dicts and check results.

- `keys`: the ward's Ed25519 key, as Multikey and JWK
- `canonical`: JSON-LD canonicalisation (RDFC-1.0) with contexts from local files only
- `eddsa`: the Data Integrity cryptosuite eddsa-rdfc-2022
- `shape`: the closed list of properties our credentials may hold
- `openbadge`: the OpenBadgeCredential profile, `sign` and `verify`
- `status_list`: the Bitstring Status List that says which credentials are revoked
"""
