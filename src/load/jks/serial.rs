//! The Java serialization skipper for JCEKS secret-key entries: finds where
//! one serialized object ends; it never interprets or keeps what it skips.
//!
//! A JCEKS secret key is a `SealedObjectForKeyProtector` written by a fresh
//! `ObjectOutputStream`, with no length prefix: the only way to find where the
//! entry ends is to walk the grammar of the Java Object Serialization
//! Specification §6.4. Nothing is interpreted beyond what the walk needs:
//! class descriptors (for the field types of the objects that use them) and
//! handle numbers (for references). Handles are assigned where Java assigns
//! them: a class descriptor's before its fields, an object's or array's right
//! after its class descriptor, before its contents.

use super::{checked_len, Reader};
use std::rc::Rc;

const STREAM_MAGIC: [u8; 4] = [0xAC, 0xED, 0x00, 0x05];
const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_ARRAY: u8 = 0x75;
const TC_CLASS: u8 = 0x76;
const TC_BLOCKDATA: u8 = 0x77;
const TC_ENDBLOCKDATA: u8 = 0x78;
const TC_RESET: u8 = 0x79;
const TC_BLOCKDATALONG: u8 = 0x7A;
const TC_EXCEPTION: u8 = 0x7B;
const TC_LONGSTRING: u8 = 0x7C;
const TC_PROXYCLASSDESC: u8 = 0x7D;
const TC_ENUM: u8 = 0x7E;
const BASE_WIRE_HANDLE: u32 = 0x7E_0000;
const SC_WRITE_METHOD: u8 = 0x01;
const SC_SERIALIZABLE: u8 = 0x02;
const SC_EXTERNALIZABLE: u8 = 0x04;
const SC_BLOCK_DATA: u8 = 0x08;
/// Deepest nesting of objects and descriptors followed (a sealed key needs 3).
const MAX_DEPTH: usize = 32;
/// Longest class hierarchy followed (also stops cyclic superclass references).
const MAX_HIERARCHY: usize = 64;

/// The type of one serializable field: a primitive of this many bytes, or an object.
#[derive(Clone, Copy)]
enum Field {
    Primitive(usize),
    Object,
}

/// What a class descriptor tells the walk.
struct ClassDesc {
    flags: u8,
    fields: Rc<[Field]>,
    /// For array classes (`[B`, `[Ljava.lang.String;`): the element type code.
    array_elem: Option<u8>,
    super_desc: Option<usize>,
}

/// What a handle refers to.
enum Handle {
    Desc(ClassDesc),
    Str,
    Other,
}

/// Skips one Java serialization stream holding one object; leaves `r` after it.
pub(super) fn skip_java_object(r: &mut Reader<'_>) -> Result<(), SerialError> {
    let magic = r.array::<4>().ok_or(SerialError::TruncatedHeader)?;
    if magic != STREAM_MAGIC {
        return Err(SerialError::NotSerialization);
    }
    let mut walker = Walker {
        r,
        handles: Vec::new(),
    };
    walker.object(0).map(|_| ())
}

struct Walker<'r, 'a> {
    r: &'r mut Reader<'a>,
    handles: Vec<Handle>,
}

/// Why a serialized Java object could not be stepped over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub(super) enum SerialError {
    #[error("truncated Java serialization header")]
    TruncatedHeader,
    #[error("not a Java serialization stream (no ACED0005 header)")]
    NotSerialization,
    #[error("truncated serialized object")]
    Truncated,
    #[error("negative length {0}")]
    NegativeLength(i32),
    #[error("reference to unknown handle {0:#x}")]
    UnknownHandle(u32),
    #[error("objects nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    #[error("negative string length {0}")]
    NegativeStringLength(i64),
    #[error("enum constant name is not a string")]
    EnumNameNotString,
    #[error("the stream holds a serialized exception (TC_EXCEPTION)")]
    Exception,
    #[error("unexpected type code {0:#04x} where an object was expected")]
    NotAnObject(u8),
    #[error("reference to a non-class where a class descriptor was expected")]
    NotAClassReference,
    #[error("unexpected type code {0:#04x} where a class descriptor was expected")]
    NotAClassDescriptor(u8),
    #[error("negative field count {0}")]
    NegativeFieldCount(i16),
    #[error("field type name is not a string")]
    FieldTypeNotString,
    #[error("unknown field type code {0:#04x}")]
    UnknownFieldType(u8),
    #[error("object with a null class descriptor")]
    NullObjectClass,
    #[error("externalizable object written without block data (its end cannot be found)")]
    ExternalizableWithoutBlockData,
    #[error("class hierarchy deeper than {MAX_HIERARCHY} levels (or cyclic)")]
    HierarchyTooDeep,
    #[error("array with a null class descriptor")]
    NullArrayClass,
    #[error("array of a class that is not an array type")]
    NotAnArrayClass,
    #[error("unknown array element type {0:#04x}")]
    UnknownArrayElement(u8),
}

impl Walker<'_, '_> {
    fn u8(&mut self) -> Result<u8, SerialError> {
        self.r.u8().ok_or(SerialError::Truncated)
    }

    fn u16(&mut self) -> Result<u16, SerialError> {
        self.r.u16().ok_or(SerialError::Truncated)
    }

    /// A Java `int` used as a length or count (negative is invalid).
    fn len32(&mut self) -> Result<usize, SerialError> {
        let n = self.r.u32().ok_or(SerialError::Truncated)?;
        checked_len(n)
            .map(|n| n as usize)
            .ok_or(SerialError::NegativeLength(n as i32))
    }

    fn skip(&mut self, n: usize) -> Result<(), SerialError> {
        self.r.take(n).map(|_| ()).ok_or(SerialError::Truncated)
    }

    /// Skips a modified-UTF-8 string (u16 length + bytes), returning its bytes.
    fn utf(&mut self) -> Result<&[u8], SerialError> {
        let n = self.u16()?;
        self.r.take(n as usize).ok_or(SerialError::Truncated)
    }

    fn push(&mut self, h: Handle) -> usize {
        self.handles.push(h);
        self.handles.len() - 1
    }

    fn reference(&mut self) -> Result<usize, SerialError> {
        let raw = self.r.u32().ok_or(SerialError::Truncated)?;
        raw.checked_sub(BASE_WIRE_HANDLE)
            .map(|h| h as usize)
            .filter(|&h| h < self.handles.len())
            .ok_or(SerialError::UnknownHandle(raw))
    }

    fn desc(&self, h: usize) -> Option<&ClassDesc> {
        match self.handles.get(h) {
            Some(Handle::Desc(d)) => Some(d),
            _ => None,
        }
    }

    /// `object` of the grammar. Returns the handle of what was read, `None` for null.
    fn object(&mut self, depth: usize) -> Result<Option<usize>, SerialError> {
        if depth > MAX_DEPTH {
            return Err(SerialError::TooDeep);
        }
        loop {
            let tc = self.u8()?;
            return match tc {
                // Java accepts a reset only between top-level objects.
                TC_RESET if depth == 0 => {
                    self.handles.clear();
                    continue;
                }
                TC_NULL => Ok(None),
                TC_REFERENCE => self.reference().map(Some),
                TC_CLASSDESC | TC_PROXYCLASSDESC => self.new_class_desc(tc, depth).map(Some),
                TC_OBJECT => self.new_object(depth).map(Some),
                TC_ARRAY => self.new_array(depth).map(Some),
                TC_STRING => {
                    let h = self.push(Handle::Str);
                    self.utf()?;
                    Ok(Some(h))
                }
                TC_LONGSTRING => {
                    let h = self.push(Handle::Str);
                    let n = self.r.i64().ok_or(SerialError::Truncated)?;
                    let n = usize::try_from(n).map_err(|_| SerialError::NegativeStringLength(n))?;
                    self.skip(n)?;
                    Ok(Some(h))
                }
                TC_CLASS => {
                    self.class_desc(depth + 1)?;
                    Ok(Some(self.push(Handle::Other)))
                }
                TC_ENUM => {
                    self.class_desc(depth + 1)?;
                    let h = self.push(Handle::Other);
                    let name = self.object(depth + 1)?;
                    if !matches!(name.and_then(|n| self.handles.get(n)), Some(Handle::Str)) {
                        return Err(SerialError::EnumNameNotString);
                    }
                    Ok(Some(h))
                }
                TC_EXCEPTION => Err(SerialError::Exception),
                other => Err(SerialError::NotAnObject(other)),
            };
        }
    }

    /// `classDesc` of the grammar: a new descriptor, a reference to one, or null.
    fn class_desc(&mut self, depth: usize) -> Result<Option<usize>, SerialError> {
        match self.u8()? {
            TC_NULL => Ok(None),
            TC_REFERENCE => {
                let h = self.reference()?;
                self.desc(h)
                    .map(|_| Some(h))
                    .ok_or(SerialError::NotAClassReference)
            }
            tc @ (TC_CLASSDESC | TC_PROXYCLASSDESC) => self.new_class_desc(tc, depth).map(Some),
            other => Err(SerialError::NotAClassDescriptor(other)),
        }
    }

    /// `newClassDesc` after its type code.
    fn new_class_desc(&mut self, tc: u8, depth: usize) -> Result<usize, SerialError> {
        if depth > MAX_DEPTH {
            return Err(SerialError::TooDeep);
        }
        let h;
        if tc == TC_CLASSDESC {
            let name = self.utf()?;
            let array_elem = match name {
                [b'[', elem, ..] => Some(*elem),
                _ => None,
            };
            self.skip(8)?; // serialVersionUID
            h = self.push(Handle::Desc(ClassDesc {
                flags: 0,
                fields: Rc::from(Vec::new()),
                array_elem,
                super_desc: None,
            }));
            let flags = self.u8()?;
            let n = self.u16()?;
            if n > i16::MAX as u16 {
                return Err(SerialError::NegativeFieldCount(n as i16));
            }
            let mut fields = Vec::new();
            for _ in 0..n {
                let code = self.u8()?;
                self.utf()?; // field name
                fields.push(match code {
                    b'B' | b'Z' => Field::Primitive(1),
                    b'C' | b'S' => Field::Primitive(2),
                    b'I' | b'F' => Field::Primitive(4),
                    b'J' | b'D' => Field::Primitive(8),
                    b'[' | b'L' => {
                        let ty = self.object(depth + 1)?;
                        if !matches!(ty.and_then(|t| self.handles.get(t)), Some(Handle::Str)) {
                            return Err(SerialError::FieldTypeNotString);
                        }
                        Field::Object
                    }
                    other => return Err(SerialError::UnknownFieldType(other)),
                });
            }
            if let Some(Handle::Desc(d)) = self.handles.get_mut(h) {
                d.flags = flags;
                d.fields = Rc::from(fields);
            }
        } else {
            // A proxy class is serializable, with no fields of its own.
            h = self.push(Handle::Desc(ClassDesc {
                flags: SC_SERIALIZABLE,
                fields: Rc::from(Vec::new()),
                array_elem: None,
                super_desc: None,
            }));
            let n = self.len32()?;
            for _ in 0..n {
                self.utf()?; // interface name
            }
        }
        self.annotation(depth + 1)?;
        let super_desc = self.class_desc(depth + 1)?;
        if let Some(Handle::Desc(d)) = self.handles.get_mut(h) {
            d.super_desc = super_desc;
        }
        Ok(h)
    }

    /// `classAnnotation` / `objectAnnotation`: contents up to TC_ENDBLOCKDATA.
    fn annotation(&mut self, depth: usize) -> Result<(), SerialError> {
        loop {
            match self.r.peek().ok_or(SerialError::Truncated)? {
                TC_ENDBLOCKDATA => {
                    self.skip(1)?;
                    return Ok(());
                }
                TC_BLOCKDATA => {
                    self.skip(1)?;
                    let n = self.u8()?;
                    self.skip(n as usize)?;
                }
                TC_BLOCKDATALONG => {
                    self.skip(1)?;
                    let n = self.len32()?;
                    self.skip(n)?;
                }
                _ => {
                    self.object(depth + 1)?;
                }
            }
        }
    }

    /// `newObject` after TC_OBJECT.
    fn new_object(&mut self, depth: usize) -> Result<usize, SerialError> {
        let desc = self
            .class_desc(depth + 1)?
            .ok_or(SerialError::NullObjectClass)?;
        let h = self.push(Handle::Other);
        let top_flags = self.desc(desc).map_or(0, |d| d.flags);
        if top_flags & SC_EXTERNALIZABLE != 0 {
            if top_flags & SC_BLOCK_DATA == 0 {
                return Err(SerialError::ExternalizableWithoutBlockData);
            }
            self.annotation(depth + 1)?;
            return Ok(h);
        }
        // Class data comes superclass first.
        let mut hierarchy = Vec::new();
        let mut cur = Some(desc);
        while let Some(c) = cur {
            if hierarchy.len() >= MAX_HIERARCHY {
                return Err(SerialError::HierarchyTooDeep);
            }
            hierarchy.push(c);
            cur = self.desc(c).and_then(|d| d.super_desc);
        }
        for &c in hierarchy.iter().rev() {
            let Some(d) = self.desc(c) else { continue };
            let (flags, fields) = (d.flags, Rc::clone(&d.fields));
            for f in fields.iter() {
                match f {
                    Field::Primitive(n) => self.skip(*n)?,
                    Field::Object => {
                        self.object(depth + 1)?;
                    }
                }
            }
            if flags & SC_WRITE_METHOD != 0 {
                self.annotation(depth + 1)?;
            }
        }
        Ok(h)
    }

    /// `newArray` after TC_ARRAY.
    fn new_array(&mut self, depth: usize) -> Result<usize, SerialError> {
        let desc = self
            .class_desc(depth + 1)?
            .ok_or(SerialError::NullArrayClass)?;
        let elem = self
            .desc(desc)
            .and_then(|d| d.array_elem)
            .ok_or(SerialError::NotAnArrayClass)?;
        let h = self.push(Handle::Other);
        let n = self.len32()?;
        let size = match elem {
            b'B' | b'Z' => 1,
            b'C' | b'S' => 2,
            b'I' | b'F' => 4,
            b'J' | b'D' => 8,
            b'[' | b'L' => {
                for _ in 0..n {
                    self.object(depth + 1)?;
                }
                return Ok(h);
            }
            other => return Err(SerialError::UnknownArrayElement(other)),
        };
        let total = n.checked_mul(size).ok_or(SerialError::Truncated)?;
        self.skip(total)?;
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::jks::tests::{raw_utf, SERIAL};

    fn skip(bytes: &[u8]) -> Result<usize, SerialError> {
        let mut r = Reader::new(bytes);
        skip_java_object(&mut r).map(|()| r.pos)
    }

    #[test]
    fn skipper_consumes_each_sample_exactly() {
        for (name, bytes) in SERIAL {
            assert_eq!(skip(bytes), Ok(bytes.len()), "serial-{name}.bin");
            for len in 0..bytes.len() {
                assert!(
                    skip(&bytes[..len]).is_err(),
                    "serial-{name}.bin cut at {len}"
                );
            }
            // Followed by more data, it still stops at the end of the object.
            let mut more = bytes.to_vec();
            more.extend(b"\x00\x00\x00\x02rest");
            assert_eq!(skip(&more), Ok(bytes.len()), "serial-{name}.bin + tail");
        }
    }

    #[test]
    fn skipper_handles_long_strings() {
        let mut s = STREAM_MAGIC.to_vec();
        s.push(TC_LONGSTRING);
        s.extend(70_000i64.to_be_bytes());
        s.extend(vec![b'a'; 70_000]);
        assert_eq!(skip(&s), Ok(s.len()));
        let n = s.len();
        assert!(skip(&s[..n - 1]).is_err());
        // A length far beyond the input is refused without allocating.
        let mut huge = STREAM_MAGIC.to_vec();
        huge.push(TC_LONGSTRING);
        huge.extend(i64::MAX.to_be_bytes());
        assert!(skip(&huge).is_err());
    }

    #[test]
    fn skipper_rejects_hostile_streams() {
        let stream = |body: &[u8]| {
            let mut s = STREAM_MAGIC.to_vec();
            s.extend_from_slice(body);
            s
        };
        // A class descriptor whose superclass is itself (handle 0x7E0000).
        let mut cyclic = vec![TC_OBJECT, TC_CLASSDESC];
        cyclic.extend(raw_utf(b"Loop"));
        cyclic.extend([0; 8]); // serialVersionUID
        cyclic.extend([
            SC_SERIALIZABLE,
            0,
            0,
            TC_ENDBLOCKDATA,
            TC_REFERENCE,
            0x00,
            0x7E,
            0x00,
            0x00,
        ]);
        assert_eq!(skip(&stream(&cyclic)), Err(SerialError::HierarchyTooDeep));
        // Arrays nested far deeper than any key: refused, no stack overflow.
        let mut deep = Vec::new();
        deep.push(TC_ARRAY);
        deep.push(TC_CLASSDESC);
        deep.extend(raw_utf(b"[Ljava.lang.Object;"));
        deep.extend([0; 8]);
        deep.extend([SC_SERIALIZABLE, 0, 0, TC_ENDBLOCKDATA, TC_NULL, 0, 0, 0, 1]);
        for _ in 0..10_000 {
            deep.extend([TC_ARRAY, TC_REFERENCE, 0x00, 0x7E, 0x00, 0x00, 0, 0, 0, 1]);
        }
        assert_eq!(skip(&stream(&deep)), Err(SerialError::TooDeep));
        // An array claiming 2^31-1 longs in a few bytes.
        let mut big = vec![TC_ARRAY, TC_CLASSDESC];
        big.extend(raw_utf(b"[J"));
        big.extend([0; 8]);
        big.extend([
            SC_SERIALIZABLE,
            0,
            0,
            TC_ENDBLOCKDATA,
            TC_NULL,
            0x7F,
            0xFF,
            0xFF,
            0xFF,
        ]);
        assert!(skip(&stream(&big)).is_err());
        // References to handles that do not exist, exceptions, bad headers.
        assert!(skip(&stream(&[TC_REFERENCE, 0x00, 0x7E, 0x00, 0x00])).is_err());
        assert!(skip(&stream(&[TC_REFERENCE, 0, 0, 0, 0])).is_err());
        assert!(skip(&stream(&[TC_EXCEPTION])).is_err());
        assert!(skip(&stream(&[TC_ENDBLOCKDATA])).is_err());
        assert!(skip(b"\xAC\xED\x00\x04p").is_err());
        // A reset is only allowed at the top, as in Java.
        assert_eq!(skip(&stream(&[TC_RESET, TC_RESET, TC_NULL])), Ok(7));
    }
}
