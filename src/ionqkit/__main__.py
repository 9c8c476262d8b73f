from ionqkit.cli import main

raise SystemExit(main())
