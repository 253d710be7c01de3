#{pi;m2M3} #{pi ; m1} #{ pi ;M1 }
