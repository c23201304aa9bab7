namespace WdnAccel.Core.Lp;

/// <summary>
/// Symbolic part of the basis factorization: peels column singletons (they become the last pivots) and then
/// row singletons (the first pivots), so B is permuted to block lower-triangular form with a small "nucleus"
/// in the middle (the classic triangularization before Markowitz, Suhl &amp; Suhl 1990). Network-flow bases are
/// entirely triangular, so their product-form inverse has no fill at all.
/// </summary>
internal sealed class BasisOrdering
{
    /// <summary>(row, basis column index k) pivots in elimination order.</summary>
    public List<(int Row, int K)> Front { get; } = [];
    public List<(int Row, int K)> Back { get; } = [];   // already in elimination order (reverse peel order)
    public List<int> NucleusColumns { get; } = [];
    public bool[] RowTaken { get; }

    public BasisOrdering(int m, int[] colStart, int[] rowIndex, int[] head)
    {
        var colCount = new int[m];
        var rowCount = new int[m];
        for (int k = 0; k < m; k++)
        {
            int c = head[k];
            colCount[k] = colStart[c + 1] - colStart[c];
            for (int p = colStart[c]; p < colStart[c + 1]; p++) rowCount[rowIndex[p]]++;
        }
        var rowStart = new int[m + 1];
        for (int i = 0; i < m; i++) rowStart[i + 1] = rowStart[i] + rowCount[i];
        var rowCols = new int[rowStart[m]];
        var fill = (int[])rowStart.Clone();
        for (int k = 0; k < m; k++)
        {
            int c = head[k];
            for (int p = colStart[c]; p < colStart[c + 1]; p++) rowCols[fill[rowIndex[p]]++] = k;
        }
        var rowActive = new bool[m];
        var colActive = new bool[m];
        Array.Fill(rowActive, true);
        Array.Fill(colActive, true);

        var stack = new Stack<int>();
        for (int k = 0; k < m; k++) if (colCount[k] == 1) stack.Push(k);
        var backPeel = new List<(int, int)>();
        while (stack.Count > 0)
        {
            int k = stack.Pop();
            if (!colActive[k] || colCount[k] != 1) continue;
            int c = head[k], r = -1;
            for (int p = colStart[c]; p < colStart[c + 1]; p++) if (rowActive[rowIndex[p]]) { r = rowIndex[p]; break; }
            if (r < 0) continue;
            backPeel.Add((r, k));
            colActive[k] = false;
            rowActive[r] = false;
            for (int p = colStart[c]; p < colStart[c + 1]; p++) rowCount[rowIndex[p]]--;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++)
            {
                int k2 = rowCols[p];
                if (colActive[k2] && --colCount[k2] == 1) stack.Push(k2);
            }
        }
        for (int i = backPeel.Count - 1; i >= 0; i--) Back.Add(backPeel[i]);

        for (int r = 0; r < m; r++) if (rowActive[r] && rowCount[r] == 1) stack.Push(r);
        while (stack.Count > 0)
        {
            int r = stack.Pop();
            if (!rowActive[r] || rowCount[r] != 1) continue;
            int k = -1;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) if (colActive[rowCols[p]]) { k = rowCols[p]; break; }
            if (k < 0) continue;
            Front.Add((r, k));
            rowActive[r] = false;
            colActive[k] = false;
            int c = head[k];
            for (int p = colStart[c]; p < colStart[c + 1]; p++)
            {
                int r2 = rowIndex[p];
                if (rowActive[r2] && --rowCount[r2] == 1) stack.Push(r2);
            }
        }
        for (int k = 0; k < m; k++) if (colActive[k]) NucleusColumns.Add(k);
        NucleusColumns.Sort((a, b) => colCount[a].CompareTo(colCount[b]));
        RowTaken = new bool[m];
        for (int r = 0; r < m; r++) RowTaken[r] = !rowActive[r];
    }
}
