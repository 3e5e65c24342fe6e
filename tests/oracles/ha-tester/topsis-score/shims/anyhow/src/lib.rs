#[derive(Debug)]
pub struct Error(pub String);
impl std::fmt::Display for Error { fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result { f.write_str(&self.0) } }
#[macro_export]
macro_rules! bail { ($($t:tt)*) => { return Err($crate::Error(format!($($t)*))) } }
