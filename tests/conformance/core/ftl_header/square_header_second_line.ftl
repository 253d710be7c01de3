a
[#ftl]b