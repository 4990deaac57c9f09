from taskmate.cli import main

main()
