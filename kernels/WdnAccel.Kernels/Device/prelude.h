/*
 * WdnAccel device prelude: prepended to every kernel source (DeviceSources.Compose), never #included.
 * Kernels use only these macros for the dialect-specific parts, so one .cl text compiles as OpenCL C
 * (clBuildProgram) and, later, as CUDA C through NVRTC. Same idea as hashcat's OpenCL/inc_vendor.h
 * (vendor-neutral qualifiers behind macros); written from scratch for this project.
 *
 * Host build options choose the real type: -D WDN_FP64=1 (double, needs cl_khr_fp64) or -D WDN_FP32=1.
 */
#ifndef WDN_PRELUDE_H
#define WDN_PRELUDE_H

#if defined(__CUDACC__) || defined(__CUDACC_RTC__)
/* ---- CUDA C (NVRTC) ---- */
#define WDN_IS_CUDA 1
#define KERNEL extern "C" __global__
#define GLOBAL_AS
#define LOCAL_AS __shared__
#define CONSTANT_AS
#define PRIVATE_AS
#define RESTRICT __restrict__
#define GID0 ((int)(blockIdx.x * blockDim.x + threadIdx.x))
#define GID1 ((int)(blockIdx.y * blockDim.y + threadIdx.y))
#define LID0 ((int)threadIdx.x)
#define LID1 ((int)threadIdx.y)
#define LSIZE0 ((int)blockDim.x)
#define GROUP0 ((int)blockIdx.x)
#define GROUP1 ((int)blockIdx.y)
#define BARRIER_LOCAL() __syncthreads()
#define INLINE __device__ __forceinline__
#define WDN_INFINITY (__int_as_float(0x7f800000))
#else
/* ---- OpenCL C 1.2 ---- */
#define WDN_IS_OPENCL 1
#define KERNEL __kernel
#define GLOBAL_AS __global
#define LOCAL_AS __local
#define CONSTANT_AS __constant
#define PRIVATE_AS __private
#define RESTRICT restrict
#define GID0 ((int)get_global_id(0))
#define GID1 ((int)get_global_id(1))
#define LID0 ((int)get_local_id(0))
#define LID1 ((int)get_local_id(1))
#define LSIZE0 ((int)get_local_size(0))
#define GROUP0 ((int)get_group_id(0))
#define GROUP1 ((int)get_group_id(1))
#define BARRIER_LOCAL() barrier(CLK_LOCAL_MEM_FENCE)
#define INLINE inline
#define WDN_INFINITY INFINITY
#if defined(WDN_FP64)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif
#endif

/* The real type of every floating-point buffer and scalar argument. */
#if defined(WDN_FP64)
typedef double real_t;
#define WDN_PI 3.14159265358979323846
#else
typedef float real_t;
#define WDN_PI 3.14159265358979323846f
#endif

/*
 * x^y for x >= 0, y > 0 (0 gives 0) as exp(y*ln x). Measured on PoCL 3.1 (CPU): pow and powr take ~10x longer
 * than exp(log()) over 51,200 doubles, with max relative difference to .NET Math.Pow 4e-16 vs 9e-16; the extra
 * rounding is about |y ln x| ulp, far inside the kernels' stated tolerances. Plain C, so the same on CUDA.
 */
#define POW_NONNEG(x, y) exp((y) * log(x))

#endif /* WDN_PRELUDE_H */
