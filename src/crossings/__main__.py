from crossings.cli import main

main()
