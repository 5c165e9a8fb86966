# Independent NumPy/SciPy transcription of split R-hat and ESS (Vehtari et al. 2021): a second check, beside
# posterior_reference.R, of ReferenceValuesTest case A (agrees with posterior to 1e-14). Run: python3 diagnostics_reference.py
import numpy as np
from scipy.stats import norm, rankdata
M=(1<<64)-1
class SM:
    def __init__(s,seed): s.s=seed&M
    def nl(s):
        s.s=(s.s+0x9E3779B97F4A7C15)&M; z=s.s
        z=((z^(z>>30))*0xBF58476D1CE4E5B9)&M
        z=((z^(z>>27))*0x94D049BB133111EB)&M
        return z^(z>>31)
    def u(s): return (s.nl()>>11)*2.0**-53
def ar_uniform(seed,chains,draws,phi,shift):
    r=SM(seed); x=np.zeros((chains,draws))
    for c in range(chains):
        prev=0.0
        for i in range(draws):
            prev=phi*prev+(r.u()-0.5); x[c,i]=prev+shift*c
    return x
def split(x):
    n=x.shape[1]; h=n//2
    return np.vstack([x[:,:h], x[:,n-h:]])
def rhat_basic(x):
    m,n=x.shape
    B=n*np.var(x.mean(1),ddof=1); W=np.mean(np.var(x,axis=1,ddof=1))
    return np.sqrt(((n-1)/n*W+B/n)/W)
def z_scale(x):
    r=rankdata(x.ravel(),method='average').reshape(x.shape)
    return norm.ppf((r-3/8)/(x.size+1/4))
def autocov(y):
    n=len(y); y=y-y.mean()
    f=np.fft.fft(y, 2*n); ac=np.fft.ifft(f*np.conj(f))[:n].real/n
    return ac
def ess(x):
    m,n=x.shape
    acov=np.array([autocov(c) for c in x])
    chain_mean=x.mean(1); chain_var=acov[:,0]*n/(n-1)
    mean_var=chain_var.mean(); var_plus=mean_var*(n-1)/n
    if m>1: var_plus+=np.var(chain_mean,ddof=1)
    rho=np.zeros(n); rho[0]=1
    t=1
    rho_hat_even=1.0
    rho_hat_odd=1-(mean_var-np.mean(acov[:,1]))/var_plus
    rho[1]=rho_hat_odd
    while t<n-4 and rho_hat_even+rho_hat_odd>0:
        rho_hat_even=1-(mean_var-np.mean(acov[:,t+1]))/var_plus
        rho_hat_odd=1-(mean_var-np.mean(acov[:,t+2]))/var_plus
        if rho_hat_even+rho_hat_odd>=0:
            rho[t+1]=rho_hat_even; rho[t+2]=rho_hat_odd
        t+=2
    max_t=t-2
    if rho_hat_even>0: rho[max_t+1]=rho_hat_even
    t=1
    while t<=max_t-2:
        if rho[t+1]+rho[t+2]>rho[t-1]+rho[t]:
            rho[t+1]=(rho[t-1]+rho[t])/2; rho[t+2]=rho[t+1]
        t+=2
    tau=-1+2*np.sum(rho[:max_t+1])+rho[max_t+1]
    tau=max(tau,1/np.log10(m*n))
    return m*n/tau
x=ar_uniform(42,4,203,0.6,0.05)
print("x00",repr(x[0,0]),"x3_202",repr(x[3,202]))
sx=split(x)
print("rhat basic",repr(rhat_basic(sx)))
print("rhat bulk",repr(rhat_basic(z_scale(sx))))
print("ess basic",repr(ess(sx)))
print("ess bulk",repr(ess(z_scale(sx))))
