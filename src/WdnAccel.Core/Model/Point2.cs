namespace WdnAccel.Core.Model;

/// <summary>Map coordinates of a node or a link vertex, in the network's drawing units.</summary>
public readonly record struct Point2(double X, double Y);
