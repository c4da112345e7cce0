from nlp_reports.cli import main

raise SystemExit(main())
