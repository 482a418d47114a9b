export const USAGE = `stint — Stint's headless CLI (the same core as the app)

Usage:
  stint auth pat                       sign in with a Hubstaff personal access token read from stdin
  stint auth hubspot-token [--email E] sign in to HubSpot with a private app token read from stdin
  stint auth sign-out [--account ID] [--purge] [--json]
                                       sign out: the tokens leave the keychain; --purge also
                                       deletes the account and its cached data
  stint accounts [--json]              every account (Hubstaff and HubSpot): id, name, status, why
  stint orgs [--json]                  list the organizations the account can sync
  stint orgs select 12345,67890        choose the organizations to sync
  stint sync --once [--full] [--json]  sync every account once (--full re-reads everything)
  stint sync                           keep syncing every 30 s until Ctrl-C
  stint status [--json]                sync status per account and stream, and the Hubstaff
                                       requests left this hour (shared with the app; no network)
  stint items [--json] [--provider hubstaff|hubspot] [--status S] [--search TEXT] [--assigned ID]
              [--limit N] [--offset N]
                                       the sidebar's Hubstaff and HubSpot to-dos (cached), all of
                                       them unless --limit cuts the list (stderr then says so)
  stint hubspot lookback [MINUTES] [--json]
                                       show, or set (0–1440), the minutes of HubSpot changes
                                       re-read on every sync (tasks search returned late)
  stint hubspot start-date [YYYY-MM-DD|default] [--json]
                                       show, or set, the first day of HubSpot task changes
                                       read (the next sync reads again from it)
  stint week [--date YYYY-MM-DD] [--json]
                                       planned vs tracked minutes and time off for a week (cached)
  stint export --week YYYY-MM-DD --format csv
                                       the week as a report: one row per entry, one tracked row per day

Options: --account USER_ID picks the account when several are signed in (HubSpot: the owner id;
  sign-out also takes the account id that stint accounts lists).
Environment: STINT_DATA_DIR (data directory), STINT_HUBSTAFF_API_URL, STINT_HUBSTAFF_ACCOUNT_URL, STINT_HUBSPOT_API_URL.
Exit codes, the same for every command:
  0  done; a read of the cache (status, accounts, items, week, export) with nothing to show is
     0 too, with a note on stderr
  1  an error (the server refused the request, the keychain is unavailable, a bug)
  2  bad usage (an unknown option, a malformed date or number)
  3  no account to act on, or it needs reconnecting (auth sign-out, orgs, sync, hubspot …)
  4  offline: the service cannot be reached (what is cached is still served)
`;
