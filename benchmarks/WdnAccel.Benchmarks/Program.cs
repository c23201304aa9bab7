using BenchmarkDotNet.Running;
using WdnAccel.Benchmarks;

if (args.Length > 0 && args[0] == "direct") MilpDirectTiming.Run(args);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
