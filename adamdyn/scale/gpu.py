"""CUDA sweep kernel (placeholder while being written)."""


def cuda_available() -> bool:
    try:
        from numba import cuda

        return bool(cuda.is_available())
    except Exception:  # noqa: BLE001 - any driver/toolkit problem means no usable GPU
        return False
