using System;

namespace GenLog;

/// <summary>Options of the Python logging transports.</summary>
public sealed class PythonSocketOptions
{
    private byte[]? _hmacKey;

    /// <summary>
    /// Signs every frame with HMAC-SHA256 under this key, so a receiver can reject a forged or altered
    /// frame before it unpickles anything (unpickling untrusted data is unsafe). At least 16 bytes; null
    /// (the default) sends frames exactly as CPython does. docs/python.md has the receiving code.
    /// </summary>
    /// <exception cref="ArgumentException">A key shorter than 16 bytes.</exception>
    public byte[]? HmacKey
    {
        get => _hmacKey;
        init => _hmacKey = value is null || value.Length >= 16
            ? value?.Clone() as byte[]
            : throw new ArgumentException("PythonSocketOptions.HmacKey must be at least 16 bytes (32 random bytes are recommended).", nameof(value));
    }
}
