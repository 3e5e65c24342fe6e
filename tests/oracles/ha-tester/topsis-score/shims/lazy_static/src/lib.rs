#[macro_export]
macro_rules! lazy_static {
    (static ref $name:ident : $t:ty = $e:expr;) => { static $name: std::sync::LazyLock<$t> = std::sync::LazyLock::new(|| $e); };
}
