#{pi; M2} #{pi; M0} #{price; M3}
