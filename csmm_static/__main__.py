from csmm_static.cli import main

main()
