"""Reference values for the date-parts step (src/core/prep/steps/dateParts.test.ts).

Prints, for each timestamp, pandas' Series.dt parts (UTC) and the cyclic encodings as the step
documents them: sin/cos(2*pi*(month-1)/12), sin/cos(2*pi*weekday/7), sin/cos(2*pi*hour/24).
Run: /usr/bin/python3 scripts/dates-pandas-reference.py
"""
import json

import numpy as np
import pandas as pd

STAMPS = [
    "2024-02-29T13:45:00Z",  # leap day, a Thursday afternoon
    "2023-12-31T23:59:00Z",  # last day of a year, a Sunday
    "2024-01-06T00:00:00Z",  # a Saturday at midnight
    "1969-07-20T20:17:00Z",  # before the epoch
    "2000-03-01T06:00:00Z",  # a century leap year
    "1700-03-01T00:00:00Z",  # a century that is not a leap year
    "1904-02-29T12:00:00Z",  # a leap day before the epoch
    "2200-12-31T07:30:00Z",  # the last day of a non-leap century year
    "1970-01-01T00:00:00Z",  # the epoch (a Thursday)
    "1969-12-31T23:59:59Z",  # the last second before it
    None,                    # missing
]

s = pd.to_datetime(pd.Series(STAMPS), utc=True)
dt = s.dt
two_pi = 2 * np.pi
parts = {
    "ms": (s.astype("int64") // 10**6).where(s.notna()),
    "year": dt.year,
    "quarter": dt.quarter,
    "month": dt.month,
    "day": dt.day,
    "weekday": dt.weekday,
    "dayofyear": dt.dayofyear,
    "hour": dt.hour,
    "minute": dt.minute,
    "is_weekend": (dt.weekday >= 5).astype(float).where(s.notna()),
    "month_sin": np.sin(two_pi * (dt.month - 1) / 12),
    "month_cos": np.cos(two_pi * (dt.month - 1) / 12),
    "weekday_sin": np.sin(two_pi * dt.weekday / 7),
    "weekday_cos": np.cos(two_pi * dt.weekday / 7),
    "hour_sin": np.sin(two_pi * dt.hour / 24),
    "hour_cos": np.cos(two_pi * dt.hour / 24),
}
out = {k: [None if pd.isna(x) else float(x) for x in v] for k, v in parts.items()}
print(json.dumps(out))
