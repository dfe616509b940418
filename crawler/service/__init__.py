"""`thresher service`: per-source cron schedules, the HTTP feed API, metrics and the dashboard.

One long-lived process: an APScheduler scheduler (persistent SQLite job store) starts each
crawl in a child process; a FastAPI app serves records, runs, metrics and the dashboard.
"""
