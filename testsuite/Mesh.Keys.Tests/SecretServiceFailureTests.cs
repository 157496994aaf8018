using NUnit.Framework;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MeshConformance.Platform.Keys.Stores;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>No service, no bus, a locked collection: each is a clear <see cref="KeyStoreException"/> within seconds, never a hang.</summary>
[NonParallelizable]
public sealed class SecretServiceFailureTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(3);

    [Test]
    public void ABusWithoutASecretServiceIsAClearErrorAtOnce()
    {
        using var bus = PrivateSecretService.Start(withKeyring: false);
        using var temp = new TempDirectory();
        using var store = new SecretServiceKeyStore(temp.Sub("Keys"), temp.Path, bus.Address, Short);
        var clock = Stopwatch.StartNew();
        Assert.That(() => store.Store(TestKeys.Seed(21)), Throws.TypeOf<KeyStoreException>().With.Message.Contains("no Secret Service"));
        Assert.That(clock.Elapsed, Is.LessThan(Short));
        Assert.That(Directory.Exists(temp.Sub("Keys")), Is.False, "no locator for a key that was not stored");
    }

    [Test]
    public void ABusThatIsNotThereIsAClearError()
    {
        using var temp = new TempDirectory();
        using var store = new SecretServiceKeyStore(temp.Sub("Keys"), temp.Path, $"unix:path={temp.Sub("no-bus")}", Short);
        Assert.That(() => store.Locate("MA5T-M2XI-6ISI-XP27-KBB4-LCVU-TNHB"), Throws.TypeOf<KeyStoreException>().With.Message.Contains("cannot connect"));
    }

    [Test]
    public void AServiceThatNeverAnswersTimesOut()
    {
        using var bus = PrivateSecretService.Start(withKeyring: false);
        // A client that owns the name and takes every call without ever answering it.
        using var silent = new Tmds.DBus.Protocol.DBusConnection(bus.Address);
        silent.ConnectAsync().AsTask().Wait();
        silent.AddMethodHandler(new NeverAnswers());
        silent.RequestNameAsync("org.freedesktop.secrets").Wait();
        using var temp = new TempDirectory();
        using var store = new SecretServiceKeyStore(temp.Sub("Keys"), temp.Path, bus.Address, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        Assert.That(() => store.Locate("MA5T-M2XI-6ISI-XP27-KBB4-LCVU-TNHB"), Throws.TypeOf<KeyStoreException>().With.Message.Contains("did not answer"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void ALockedCollectionIsAClearErrorNotAPrompt()
    {
        using var service = PrivateSecretService.Start(withKeyring: true);
        if (PrivateSecretService.Which("dbus-send") is null) Assert.Ignore("dbus-send is not installed, so the collection cannot be locked from outside");
        using var temp = new TempDirectory();
        var key = TestKeys.Seed(22);
        using (var store = new SecretServiceKeyStore(temp.Sub("Keys"), temp.Path, service.Address, Short))
            store.Store(key);
        var (_, alias) = service.Command("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.ReadAlias", "string:default");
        var collection = Regex.Match(alias, "object path \"([^\"]+)\"").Groups[1].Value;
        var (locked, _) = service.Command("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock", $"array:objpath:{collection}");
        Assert.That(locked, Is.Zero, "the keyring refused to lock its collection");
        using var again = new SecretServiceKeyStore(temp.Sub("Keys"), temp.Path, service.Address, Short);
        var clock = Stopwatch.StartNew();
        Assert.That(() => again.Locate(key.Udf), Throws.TypeOf<KeyStoreException>().With.Message.Contains("locked"));
        Assert.That(() => again.Store(TestKeys.Exchange(23)), Throws.TypeOf<KeyStoreException>().With.Message.Contains("locked"));
        Assert.That(clock.Elapsed, Is.LessThan(Short * 2));
    }

    private sealed class NeverAnswers : Tmds.DBus.Protocol.IPathMethodHandler
    {
        public string Path => "/org/freedesktop/secrets";

        public bool HandlesChildPaths => true;

        public ValueTask HandleMethodAsync(Tmds.DBus.Protocol.MethodContext context)
        {
            // Taking over the context's disposal and never replying: the caller waits until its own timeout.
            context.DisposesAsynchronously = true;
            return ValueTask.CompletedTask;
        }
    }
}
