* Beale (1955): cycles under Dantzig's rule with naive tie-breaking. Optimum -5/4 at x4 = 1, x6 = 1.
NAME          BEALE
ROWS
 N  COST
 L  R1
 L  R2
 L  R3
COLUMNS
    X4  COST  -0.75  R1  0.25
    X4  R2  0.5
    X5  COST  20  R1  -8
    X5  R2  -12
    X6  COST  -0.5  R1  -1
    X6  R2  -0.5  R3  1
    X7  COST  6  R1  9
    X7  R2  3
RHS
    RHS  R3  1
BOUNDS
 LO BND X4 0
 LO BND X5 0
 LO BND X6 0
 LO BND X7 0
ENDATA
